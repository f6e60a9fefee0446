"""Normalisers against the values that occur in the three real data sets and common exports."""

from __future__ import annotations

import dataclasses
import datetime

import pandas as pd
import pytest

from pipelines.normalise import (
    MISSING_MARKERS,
    Salary,
    clean,
    clean_company,
    html_to_text,
    normalise_country,
    parse_date,
    parse_remote,
    parse_salary,
)

MISSING = [None, float("nan"), pd.NA, pd.NaT, "", "   "]
GARBAGE = ["¯\\_(ツ)_/¯", "$$$", "k-k", "<<>>", float("inf"), 10**30, object(), b"\x00\xff"]


# --- clean -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (float("nan"), None),
        (pd.NA, None),
        (pd.NaT, None),
        ("", None),
        ("   ", None),
        ("-1", None),
        (-1, None),
        (-1.0, None),
        ("nan", None),
        ("NaN", None),
        ("null", None),
        ("None", None),
        ("N/A", None),
        ("n/a", None),
        ("-", None),
        ("  Data Scientist  ", "Data Scientist"),
        ("Remote", "Remote"),
        (3.8, "3.8"),
        (0, "0"),
        ("-1 year", "-1 year"),
    ],
)
def test_clean(value: object, expected: str | None) -> None:
    assert clean(value) == expected


def test_missing_markers_are_lowercase_and_include_the_glassdoor_marker() -> None:
    assert all(marker == marker.lower() for marker in MISSING_MARKERS)
    assert "-1" in MISSING_MARKERS


# --- html_to_text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<p>Hello <b>world</b></p><p>Second</p>", "Hello world\nSecond"),
        ("Line one<br>Line two<br/>Line three", "Line one\nLine two\nLine three"),
        ("<ul><li>Python</li><li>SQL</li></ul>", "- Python\n- SQL"),
        ("<h2>Requirements</h2><div>Python &amp; SQL</div>", "Requirements\nPython & SQL"),
        ("<p>Keep</p><script>var x = 1;</script><style>.a {color: red}</style><p>this</p>",
         "Keep\nthis"),
        ("<p>a</p><br><br><br><br><p>b</p>", "a\n\nb"),
        ("<p>one\n   two\tthree</p>", "one two three"),
        ("<div>a<div>b</div>c</div>", "a\nb\nc"),
        ("<p>x&nbsp;&nbsp;y</p>", "x y"),
        # Hacker News comment text: entities everywhere, <p> between paragraphs.
        ("Acme | ML Engineer | REMOTE<p>We&#x27;re hiring &amp; it&#x27;s fun. a &lt; b",
         "Acme | ML Engineer | REMOTE\nWe're hiring & it's fun. a < b"),
        # Plain text keeps its line breaks; only runs of blank lines shrink.
        ("Requirements:\n- Python\n- SQL", "Requirements:\n- Python\n- SQL"),
        ("a\n\n\n\nb", "a\n\nb"),
        ("  lots   of \t space  \n  here ", "lots of space\nhere"),
        ("R&amp;D &lt;team&gt; &#39;quoted&#39;", "R&D <team> 'quoted'"),
        ("5 < 6 and 7 > 3", "5 < 6 and 7 > 3"),
        ("Line\r\nWindows\rline", "Line\nWindows\nline"),
        (None, ""),
        (float("nan"), ""),
        ("", ""),
        ("-1", ""),
    ],
)  # fmt: skip
def test_html_to_text(value: object, expected: str) -> None:
    assert html_to_text(value) == expected


def test_html_to_text_keeps_real_plain_descriptions_as_they_are() -> None:
    glassdoor = (
        "Data Scientist\nLocation: Albuquerque, NM\nEducation Required: Bachelor’s degree "
        "required, preferably in math, engineering, business, or the sciences.\nSkills Required:"
    )
    jsearch = "Job#: 2082495\n\nJob Description:\n\nREQUIRED QUALIFICATIONS\n• Ability to read"
    assert html_to_text(glassdoor) == glassdoor
    assert html_to_text(jsearch) == jsearch


# --- parse_date ------------------------------------------------------------------------------

REFERENCE = datetime.date(2025, 7, 25)
D = datetime.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-07-23T00:00:00.000Z", D(2025, 7, 23)),  # JSearch job_posted_at_datetime_utc
        ("2022-12-01T16:00:59", D(2022, 12, 1)),  # Hacker News post_date
        ("2025-07-23T23:30:00-05:00", D(2025, 7, 23)),  # the date as written, not moved to UTC
        ("2025-07-23T10:00:00+02:00", D(2025, 7, 23)),
        ("2025-07-23", D(2025, 7, 23)),
        ("2025-07-23 14:05:00", D(2025, 7, 23)),
        ("2025/07/23", D(2025, 7, 23)),
        ("20250723", D(2025, 7, 23)),
        ("2025-07", D(2025, 7, 1)),
        ("23.07.2025", D(2025, 7, 23)),
        ("03.04.2025", D(2025, 4, 3)),  # dots: European day first
        ("23/07/2025", D(2025, 7, 23)),  # 23 cannot be a month
        ("03/04/2025", D(2025, 3, 4)),  # ambiguous: US month/day
        ("07/23/2025", D(2025, 7, 23)),
        ("12/31/2024", D(2024, 12, 31)),
        ("7/4/25", D(2025, 7, 4)),
        ("23/07/2025 14:30", D(2025, 7, 23)),
        ("Jul 23, 2025", D(2025, 7, 23)),
        ("July 23, 2025", D(2025, 7, 23)),
        ("23 July 2025", D(2025, 7, 23)),
        ("23 Jul 2025", D(2025, 7, 23)),
        ("23-Jul-2025", D(2025, 7, 23)),
        ("Sept 3rd, 2024", D(2024, 9, 3)),
        ("Posted on March 1, 2021", D(2021, 3, 1)),
        ("Wed, 23 Jul 2025 10:00:00 +0000", D(2025, 7, 23)),
        ("July 2025", D(2025, 7, 1)),
        ("Dec 2022", D(2022, 12, 1)),
        ("2020", D(2020, 1, 1)),
        (2020, D(2020, 1, 1)),
        (2020.0, D(2020, 1, 1)),
        ("1700000000", D(2023, 11, 14)),  # epoch seconds
        (1700000000, D(2023, 11, 14)),
        (1700000000.0, D(2023, 11, 14)),
        ("1700000000000", D(2023, 11, 14)),  # epoch milliseconds
        (1600000000000, D(2020, 9, 13)),
        ("946684800", D(2000, 1, 1)),  # nine digits
        (datetime.datetime(2025, 1, 2, 3, 4), D(2025, 1, 2)),
        (D(2024, 2, 29), D(2024, 2, 29)),
        (pd.Timestamp("2024-05-06 13:00"), D(2024, 5, 6)),
        ("1990-01-01", D(1990, 1, 1)),
        ("2100-12-31", D(2100, 12, 31)),
    ],
)
def test_parse_date(value: object, expected: datetime.date) -> None:
    assert parse_date(value) == expected
    assert parse_date(value, reference=REFERENCE) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("today", D(2025, 7, 25)),
        ("Today", D(2025, 7, 25)),
        ("Just posted", D(2025, 7, 25)),
        ("yesterday", D(2025, 7, 24)),
        ("an hour ago", D(2025, 7, 25)),
        ("5 hours ago", D(2025, 7, 25)),
        ("1 day ago", D(2025, 7, 24)),
        ("3 days ago", D(2025, 7, 22)),
        ("Posted 3 days ago", D(2025, 7, 22)),
        ("30+ days ago", D(2025, 6, 25)),
        ("2 weeks ago", D(2025, 7, 11)),
        ("a month ago", D(2025, 6, 25)),
    ],
)
def test_parse_date_relative(value: str, expected: datetime.date) -> None:
    assert parse_date(value, reference=REFERENCE) == expected
    assert parse_date(value, reference=datetime.datetime(2025, 7, 25, 18, 0)) == expected
    assert parse_date(value) is None


@pytest.mark.parametrize(
    "value",
    [
        *MISSING,
        *GARBAGE,
        "-1",
        "N/A",
        "garbage",
        "0001-01-01",
        "9999-12-31",
        "1989-12-31",
        "2101-01-01",
        "31/02/2025",
        "13/13/2025",
        "2025-13-01",
        "12345",
        "12345678901",  # 11 digits: neither seconds nor milliseconds
        "Jul 23",  # no year
        "soon",
    ],
)
def test_parse_date_rejects(value: object) -> None:
    assert parse_date(value, reference=REFERENCE) is None


# --- parse_salary ----------------------------------------------------------------------------

S = Salary


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Glassdoor 2020
        ("$53K-$91K (Glassdoor est.)", S(53000, 91000, "USD", "year", 53000, 91000)),
        ("Employer Provided Salary:$150K-$160K", S(150000, 160000, "USD", "year", 150000, 160000)),
        ("$17-$24 Per Hour(Glassdoor est.)", S(17, 24, "USD", "hour", 35360, 49920)),
        ("$110K-$150K(Employer est.)", S(110000, 150000, "USD", "year", 110000, 150000)),
        ("Employer Provided Salary:$25-$28 Per Hour", S(25, 28, "USD", "hour", 52000, 58240)),
        ("$15K-$16K(Employer est.)", S(15000, 16000, "USD", "year", 15000, 16000)),
        # Hacker News "Who is hiring?"
        ("$150k-$250k + equity (USD)", S(150000, 250000, "USD", "year", 150000, 250000)),
        ("£80k-100k + £40-50k of stock options (GBP)",
         S(80000, 100000, "GBP", "year", 80000, 100000)),
        ("€84k - €103k (EUR)", S(84000, 103000, "EUR", "year", 84000, 103000)),
        ("$147000 - $200000 (USD)", S(147000, 200000, "USD", "year", 147000, 200000)),
        ("$100-150k", S(100000, 150000, "USD", "year", 100000, 150000)),
        ("150-250k+ + equity + benefits (USD)", S(150000, 250000, "USD", "year", 150000, 250000)),
        ("$125K (USD)", S(125000, 125000, "USD", "year", 125000, 125000)),
        ("$80k – $130k • 0.5% – 1.5% (USD)", S(80000, 130000, "USD", "year", 80000, 130000)),
        ("£65-80k (GBP)", S(65000, 80000, "GBP", "year", 65000, 80000)),
        ("60K-90K EUR (EUR)", S(60000, 90000, "EUR", "year", 60000, 90000)),
        ("$110,000-$150,000 (AUD)", S(110000, 150000, "AUD", "year", 110000, 150000)),
        ("~CAD$150k - CAD$180k (CAD)", S(150000, 180000, "CAD", "year", 150000, 180000)),
        ("C$130K-C$150K (CAD)", S(130000, 150000, "CAD", "year", 130000, 150000)),
        ("100-130k (CHF)", S(100000, 130000, "CHF", "year", 100000, 130000)),
        ("$134,800.00 - $357,500.00 /Yr. (USD)", S(134800, 357500, "USD", "year", 134800, 357500)),
        ("55,000 - 60,000 GBP / year (GBP)", S(55000, 60000, "GBP", "year", 55000, 60000)),
        ("$160k 1099 for US or local avg + 20% for outside the US (USD)",
         S(160000, 160000, "USD", "year", 160000, 160000)),
        ("$130-$170K + 1-2% Equity", S(130000, 170000, "USD", "year", 130000, 170000)),
        (">= $40-110k + 0.5-2% equity (USD)", S(40000, 110000, "USD", "year", 40000, 110000)),
        ("80-110k€ + 0.25-1% equity (EUR)", S(80000, 110000, "EUR", "year", 80000, 110000)),
        ("150k - 200k", S(150000, 200000, None, "year", 150000, 200000)),
        ("45-70 USD per hour, or 7560-11760 USD a month (USD)",
         S(45, 70, "USD", "hour", 93600, 145600)),
        ("$45–$70 USD or 190–295 PLN per hour (USD)", S(45, 70, "USD", "hour", 93600, 145600)),
        ("$35/hr - $45/hr (USD)", S(35, 45, "USD", "hour", 72800, 93600)),
        ("$100~$200/hour (USD)", S(100, 200, "USD", "hour", 208000, 416000)),
        ("$20 - $35 hourly", S(20, 35, "USD", "hour", 41600, 72800)),
        ("$50 p/h (USD)", S(50, 50, "USD", "hour", 104000, 104000)),
        ("2-4.5k EUR/month (EUR)", S(2000, 4500, "EUR", "month", 24000, 54000)),
        ("$10k - $11.5k per month (USD)", S(10000, 11500, "USD", "month", 120000, 138000)),
        ("~5.000$/month (USD)", S(5000, 5000, "USD", "month", 60000, 60000)),
        ("10,000 euros per month (EUR)", S(10000, 10000, "EUR", "month", 120000, 120000)),
        ("INR 80-90K per month", S(80000, 90000, "INR", "month", 960000, 1080000)),
        ("30-50 LPA", S(3000000, 5000000, "INR", "year", 3000000, 5000000)),
        ("₹20–35 LPA", S(2000000, 3500000, "INR", "year", 2000000, 3500000)),
        ("12-80L INR", S(1200000, 8000000, "INR", "year", 1200000, 8000000)),
        ("RM6,000 - RM18,000/mo", S(6000, 18000, "MYR", "month", 72000, 216000)),
        ("BRL280k", S(280000, 280000, "BRL", "year", 280000, 280000)),
        ("R$10-14.5k/mo (Midlevel) or R$14k-21k/mo (Senior)",
         S(10000, 14500, "BRL", "month", 120000, 174000)),
        # Open-ended figures keep the side that is not stated empty.
        ("Up to £12.50/hour (GBP)", S(None, 12.5, "GBP", "hour", None, 26000)),
        ("up-to £85K (GBP)", S(None, 85000, "GBP", "year", None, 85000)),
        ("$100k+ (USD)", S(100000, None, "USD", "year", 100000, None)),
        ("Above €75K with equity (EUR)", S(75000, None, "EUR", "year", 75000, None)),
        # Typical LinkedIn / Indeed / Greenhouse / Lever / Workday shapes
        ("$120K-$150K", S(120000, 150000, "USD", "year", 120000, 150000)),
        ("£50,000 - £60,000 a year", S(50000, 60000, "GBP", "year", 50000, 60000)),
        ("$55/hr", S(55, 55, "USD", "hour", 114400, 114400)),
        ("CA$120k", S(120000, 120000, "CAD", "year", 120000, 120000)),
        ("A$150k", S(150000, 150000, "AUD", "year", 150000, 150000)),
        ("AU$150k", S(150000, 150000, "AUD", "year", 150000, 150000)),
        ("₹20 LPA", S(2000000, 2000000, "INR", "year", 2000000, 2000000)),
        ("USD 100,000 per year", S(100000, 100000, "USD", "year", 100000, 100000)),
        ("$5,000/month", S(5000, 5000, "USD", "month", 60000, 60000)),
        ("$800 per week", S(800, 800, "USD", "week", 41600, 41600)),
        ("$300 a day", S(300, 300, "USD", "day", 78000, 78000)),
        ("$90,000.00 - $120,000.00 per year", S(90000, 120000, "USD", "year", 90000, 120000)),
        ("From $45 an hour", S(45, None, "USD", "hour", 93600, None)),
        ("€60.000 - €80.000", S(60000, 80000, "EUR", "year", 60000, 80000)),
        ("SEK 45,000 per month", S(45000, 45000, "SEK", "month", 540000, 540000)),
        ("kr 50 000 per month", S(50000, 50000, None, "month", 600000, 600000)),
        ("Rs. 50,000 per month", S(50000, 50000, "INR", "month", 600000, 600000)),
        ("$95,000 - $110,000 a year GBP", S(95000, 110000, "GBP", "year", 95000, 110000)),
        ("$17-$24", S(17, 24, "USD", "hour", 35360, 49920)),  # no period, small: hourly
        ("$3500mo", S(3500, 3500, "USD", "month", 42000, 42000)),
        ("$150k, 4 days a week in office", S(150000, 150000, "USD", "year", 150000, 150000)),
        ("120000.0 - 150000.0 USD per year", S(120000, 150000, "USD", "year", 120000, 150000)),
        (120000, S(120000, 120000, None, "year", 120000, 120000)),
    ],
)  # fmt: skip
def test_parse_salary(value: object, expected: Salary) -> None:
    assert parse_salary(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        *MISSING,
        *GARBAGE,
        "-1",
        "Competitive",
        "DOE",
        "Negotiable",
        "Equity only",
        "0.5% - 1% equity",
        "Competitive + 401k",
        "$150k–$250 (USD)",  # real HN value: max below min once read literally
        "$75k – $120/yr + 0.3% – 1% (USD)",
        "$200k-$150k",
        "-$50,000",
        "$-100",
        "$0",
        "$0.40/hr",
        "$20,000,000",
        "$533B (USD)",  # real HN value: a market size, not pay
        "JPY 9,000,000 – JPY 11,000,000",  # above the 10M cap, whatever the currency
    ],
)
def test_parse_salary_rejects(value: object) -> None:
    assert parse_salary(value) is None


def test_salary_is_a_frozen_record() -> None:
    salary = parse_salary("$120K-$150K")
    assert salary is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        salary.minimum = 1  # type: ignore[misc]


# --- normalise_country -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "location", "expected"),
    [
        ("USA", None, "United States"),
        ("US", None, "United States"),
        ("U.S.", None, "United States"),
        ("U.S.A.", None, "United States"),
        ("United States", None, "United States"),
        ("America", None, "United States"),
        ("usa", None, "United States"),
        ("UK", None, "United Kingdom"),
        ("GB", None, "United Kingdom"),
        ("England", None, "United Kingdom"),
        ("Scotland", None, "United Kingdom"),
        ("Great Britain", None, "United Kingdom"),
        ("United Kingdom", None, "United Kingdom"),
        ("CA", None, "Canada"),
        ("Canada", None, "Canada"),
        ("CAN", None, "Canada"),
        ("NL", None, "Netherlands"),
        ("The Netherlands", None, "Netherlands"),
        ("DE", None, "Germany"),
        ("DEU", None, "Germany"),
        ("Germany", None, "Germany"),
        ("India", None, "India"),
        ("IN", None, "India"),
        ("France", None, "France"),
        ("Sweden", None, "Sweden"),
        ("SE", None, "Sweden"),
        ("Switzerland", None, "Switzerland"),
        ("Czech Republic", None, "Czech Republic"),
        ("UAE", None, "United Arab Emirates"),
        ("JP", None, "Japan"),
        ("South Korea", None, "South Korea"),
        ("Madagascar", None, "Madagascar"),
        # Not countries
        ("Remote", None, None),
        ("REMOTE", None, None),
        ("EU", None, None),
        ("Europe", None, None),
        ("Global", None, None),
        ("Worldwide", None, None),
        ("Anywhere", None, None),
        ("International", None, None),
        ("PST", None, None),
        ("US/Canada", None, None),  # more than one country
        # A US state code or name in the country field (HN has NY, MA, TX...) is the US.
        ("NY", None, "United States"),
        ("MA", None, "United States"),
        ("TX", None, "United States"),
        ("California", None, "United States"),
        ("Remote (US)", None, "United States"),
        # Codes that are both a country and a state: a known city in the location decides.
        ("CA", "San Francisco", "United States"),
        ("CA", "Mountain View", "United States"),
        ("CA", "Vancouver", "Canada"),
        ("CA", "Montreal", "Canada"),
        ("DE", "Berlin", "Germany"),
        ("IN", "Bangalore", "India"),
        ("IL", "Chicago", "United States"),
        ("CO", "Denver", "United States"),
        ("USA", "London", "United States"),  # the country field comes first
        # Country missing or not a country: the location decides.
        (None, "Albuquerque, NM", "United States"),
        (None, "San Francisco, CA", "United States"),
        (None, "New York, NY", "United States"),
        (None, "Washington, DC", "United States"),
        (None, "Chantilly, VA", "United States"),
        (None, "Richland, WA", "United States"),
        (None, "Los Angeles, CA", "United States"),
        (None, "Oregon", "United States"),
        (None, "United States", "United States"),
        (None, "London, UK", "United Kingdom"),
        (None, "London", "United Kingdom"),
        (None, "Berlin, Germany", "Germany"),
        (None, "Toronto, ON", "Canada"),
        (None, "Toronto, CA", "Canada"),
        (None, "Vancouver, BC", "Canada"),
        (None, "Montréal", "Canada"),
        (None, "New York", "United States"),
        (None, "NYC", "United States"),
        (None, "SF Bay Area", "United States"),
        (None, "Remote, US", "United States"),
        (None, "Remote (US)", "United States"),
        (None, "Detroit, MI (Onsite)", "United States"),
        (None, "Tokyo, JP", "Japan"),
        (None, "Berlin, DE", "Germany"),
        (None, "Bangalore, IN", "India"),
        (None, "Indianapolis, IN", "United States"),
        (None, "Amsterdam", "Netherlands"),
        (None, "Remote", None),
        (None, "Remote - EU", None),
        (None, "Springfield", None),
        ("Remote", "London", "United Kingdom"),
        ("-1", "Chicago, IL", "United States"),
        ("EU", "Amsterdam", "Netherlands"),
        (None, None, None),
        (float("nan"), float("nan"), None),
        ("", "", None),
    ],
)
def test_normalise_country(country: object, location: object, expected: str | None) -> None:
    assert normalise_country(country, location) == expected


# --- parse_remote ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "location", "expected"),
    [
        ("yes", None, "remote"),
        ("Yes", None, "remote"),
        ("true", None, "remote"),
        (True, None, "remote"),
        ("1", None, "remote"),
        (1, None, "remote"),
        ("remote", None, "remote"),
        ("Fully Remote", None, "remote"),
        ("work from home", None, "remote"),
        ("WFH", None, "remote"),
        ("REMOTE (US)", None, "remote"),  # HN remote_rules
        ("hybrid", None, "hybrid"),
        ("Hybrid", None, "hybrid"),
        ("no", None, "on-site"),
        ("false", None, "on-site"),
        (False, None, "on-site"),
        ("0", None, "on-site"),
        (0, None, "on-site"),
        ("onsite", None, "on-site"),
        ("ONSITE", None, "on-site"),
        ("On-site", None, "on-site"),
        ("in office", None, "on-site"),
        ("office", None, "on-site"),
        ("unknown", None, None),
        (None, None, None),
        (float("nan"), None, None),
        ("", None, None),
        ("maybe", None, None),
        (None, "Remote", "remote"),
        (None, "Remote, US", "remote"),
        (None, "REMOTE or San Francisco", "remote"),
        (None, "Hybrid", "hybrid"),
        (None, "London (Hybrid)", "hybrid"),
        (None, "Detroit, MI (Onsite)", "on-site"),
        (None, "London", None),
        (None, "San Francisco, CA", None),
        ("unknown", "Remote", "remote"),
        ("no", "Remote", "on-site"),  # the value comes first
    ],
)
def test_parse_remote(value: object, location: object, expected: str | None) -> None:
    assert parse_remote(value, location) == expected


# --- clean_company ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Tecolote Research\n3.8", "Tecolote Research"),
        ("University of Maryland Medical System\n3.4", "University of Maryland Medical System"),
        ("Logic20/20\n3.8", "Logic20/20"),
        ("Sotheby's\n3.6", "Sotheby's"),
        ("<intent>\n4.6", "<intent>"),
        ("Seen by Indeed", "Seen by Indeed"),
        ("  Acme   Data\tLabs  ", "Acme Data Labs"),
        ("\n\nAcme\n4.0", "Acme"),
        ("-1", None),
        ("N/A", None),
        (None, None),
        (float("nan"), None),
        ("", None),
    ],
)
def test_clean_company(value: object, expected: str | None) -> None:
    assert clean_company(value) == expected


# --- nothing raises --------------------------------------------------------------------------


@pytest.mark.parametrize("value", [*MISSING, *GARBAGE, -5, 3.5, True, ["a"], {"b": 1}])
def test_no_normaliser_raises(value: object) -> None:
    clean(value)
    html_to_text(value)
    parse_date(value, reference=REFERENCE)
    parse_salary(value)
    normalise_country(value, value)
    parse_remote(value, value)
    clean_company(value)
