"""The interval and test formulas against values worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analytics.stats import two_proportion_test, wilson_interval


def test_wilson_interval_of_hand_examples() -> None:
    low, high = wilson_interval(pd.Series([2, 0, 50]), pd.Series([7, 10, 100]))
    # 2 of 7: centre (2/7 + 1.9208/7) / (1 + 3.8415/7) = 0.3617, half-width 0.2575.
    assert (low[0], high[0]) == (pytest.approx(0.0822, abs=1e-4), pytest.approx(0.6411, abs=1e-4))
    assert low[1] == pytest.approx(0.0) and high[1] == pytest.approx(0.2775, abs=1e-4)
    assert (low[2], high[2]) == (pytest.approx(0.4038, abs=1e-4), pytest.approx(0.5962, abs=1e-4))
    low, high = wilson_interval(pd.Series([0]), pd.Series([0]))
    assert math.isnan(low[0]) and math.isnan(high[0])


def test_two_proportion_test_of_a_hand_example() -> None:
    # 30/100 vs 20/100: pooled 0.25, se = sqrt(0.25 * 0.75 * 0.02) = 0.061237, z = 1.63299.
    z, p = two_proportion_test(
        pd.Series([30, 5]), pd.Series([100, 5]), pd.Series([20, 0]), pd.Series([100, 0])
    )
    assert z[0] == pytest.approx(1.63299, abs=1e-4)
    assert p[0] == pytest.approx(0.10247, abs=1e-4)
    assert math.isnan(z[1]) and math.isnan(p[1])
