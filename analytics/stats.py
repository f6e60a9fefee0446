"""The statistics behind every share on the dashboard, vectorised over pandas columns."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

Z95 = 1.959963984540054


def wilson_interval(k: pd.Series, n: pd.Series, z: float = Z95) -> tuple[pd.Series, pd.Series]:
    """95% Wilson score interval of k successes in n; NaN where n is 0."""
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    # Clipped: floating-point error leaves 1e-18 where the bound is exactly 0 or 1.
    return pd.Series(np.clip(centre - half, 0, 1)), pd.Series(np.clip(centre + half, 0, 1))


def two_proportion_test(
    k1: pd.Series, n1: pd.Series, k2: pd.Series, n2: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """(z, two-sided p) of the pooled two-proportion z-test; p is NaN where undefined."""
    k1, n1, k2, n2 = (np.asarray(x, dtype=float) for x in (k1, n1, k2, n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = (k1 + k2) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        z = (k1 / n1 - k2 / n2) / se
    z = np.where(se > 0, z, np.nan)
    p = pd.Series(z).abs().map(_two_sided_p)
    return pd.Series(z), p


def _two_sided_p(z: float) -> float:
    return math.erfc(z / math.sqrt(2)) if not math.isnan(z) else math.nan
