"""Turns the messy values of real job-board exports into clean fields.

Each function takes whatever a reader produced (text, number, None, NaN, pandas NA); none raises.
"""

from __future__ import annotations

import datetime
import html
import math
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

MISSING_MARKERS = frozenset(
    {"", "-", "--", "-1", "-1.0", "na", "n/a", "#n/a", "<na>", "nan", "-nan", "nat", "null", "none"}
)
# Lower-casing never shortens a text, so a longer one (a description) is never a marker.
_LONGEST_MARKER = max(map(len, MISSING_MARKERS))


def clean(value: object) -> str | None:
    """The stripped text of a value, or None when it is missing or a missing marker."""
    if _is_missing(value):
        return None
    text = str(value).strip()
    if len(text) <= _LONGEST_MARKER and text.lower() in MISSING_MARKERS:
        return None
    return text


def _is_missing(value: object) -> bool:
    # Checked by type name so this module needs no pandas import.
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, float) and math.isnan(value)


# --- HTML and whitespace ---------------------------------------------------------------------

_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|b|i|u|em|strong|li|ul|ol|h[1-6]|table|thead|tbody|tr|td|th|script"
    r"|style|font|section|article|header|footer|code|pre|hr|img|blockquote|small|sup|sub)\b[^<>]*>",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
     "article", "header", "footer", "blockquote", "pre", "hr"}
)  # fmt: skip
_BLANK_LINES = re.compile(r"\n{3,}")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self._line_break()
            if tag == "li":
                self.parts.append("- ")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self._line_break()

    def handle_data(self, data: str) -> None:
        # Inside HTML a newline in the source is only a space; line breaks come from tags.
        if not self._skipping:
            self.parts.append(re.sub(r"\s+", " ", data))

    def _line_break(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")


def html_to_text(value: object) -> str:
    """Plain text with entities unescaped, HTML tags turned into line breaks and bullets."""
    text = clean(value)
    if text is None:
        return ""
    tagged = "<" in text and _HTML_TAG.search(text)
    if not tagged and "&" in text:
        # Some APIs (Greenhouse) send HTML escaped once more: "&lt;p&gt;".
        text = html.unescape(text)
        tagged = "<" in text and _HTML_TAG.search(text)
    if tagged:
        parser = _TextExtractor()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    return _tidy(text)


def _tidy(text: str) -> str:
    """Lines single-spaced and stripped, at most one blank line in a row, no blank ends."""
    # Most texts are tidy already, which three scans that stay in C can tell: with one or two
    # line breaks as one space, a tidy text has no double space, no blank end, and is printable
    # (printable text has no whitespace but the plain space).
    flat = text.replace("\n\n", "\n").replace("\n", " ")
    if "  " not in flat and flat.isprintable() and flat.strip() == flat:
        return text
    lines = (" ".join(line.split()) for line in text.splitlines())
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# --- dates -----------------------------------------------------------------------------------

_EARLIEST = datetime.date(1990, 1, 1)
_LATEST = datetime.date(2100, 12, 31)
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{1,2})$")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})$")
_DAY_OR_MONTH_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")
_EPOCH = re.compile(r"(\d{9,10}|\d{12,13})(?:\.\d*)?$")
_MONTH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|t|tember"
    r"|ober|ember)?\b",
    re.IGNORECASE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_YEAR = re.compile(r"\b(19\d\d|2[01]\d\d)\b")
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(an?|\d+)\+?\s*(minute|min|hour|hr|day|week|wk|month|year|yr)s?\s+ago\b", re.IGNORECASE
)
_DAYS_PER_UNIT = {"minute": 0, "min": 0, "hour": 1 / 24, "hr": 1 / 24, "day": 1, "week": 7,
                  "wk": 7, "month": 30, "year": 365, "yr": 365}  # fmt: skip
_SAME_DAY = re.compile(r"\b(?:today|just now|just posted)\b", re.IGNORECASE)


def parse_date(value: object, *, reference: datetime.date | None = None) -> datetime.date | None:
    """The calendar date a value names, or None; relative phrases count back from `reference`."""
    if _is_missing(value):
        return None
    if isinstance(value, datetime.datetime):
        found: datetime.date | None = value.date()
    elif isinstance(value, datetime.date):
        found = value
    else:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = clean(value)
        found = _date_from_text(text, reference) if text else None
    return found if found is not None and _EARLIEST <= found <= _LATEST else None


def _date_from_text(text: str, reference: datetime.date | None) -> datetime.date | None:
    try:
        return _date_from_digits(text) or _date_from_words(text) or _relative(text, reference)
    except (ValueError, OverflowError, OSError):
        return None


def _date_from_digits(text: str) -> datetime.date | None:
    if m := _EPOCH.match(text):
        seconds = int(m[1]) / (1000 if len(m[1]) > 10 else 1)
        return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC).date()
    if re.fullmatch(r"\d{4}", text):
        return datetime.date(int(text), 1, 1)
    if m := _YEAR_FIRST.match(text) or _COMPACT.match(text):
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    if m := _YEAR_MONTH.match(text):
        return datetime.date(int(m[1]), int(m[2]), 1)
    if m := _DAY_OR_MONTH_FIRST.match(text):
        first, separator, second, year = int(m[1]), m[2], int(m[3]), int(m[4])
        if year < 100:
            year += 2000 if year < 70 else 1900
        # Dots are a European habit (day first); slashes are ambiguous and read as US month/day
        # unless the first number cannot be a month.
        day_first = first > 12 or (separator == "." and second <= 12)
        month, day = (second, first) if day_first else (first, second)
        return datetime.date(year, month, day)
    return None


def _date_from_words(text: str) -> datetime.date | None:
    month = _MONTH.search(text)
    year = _YEAR.search(text)
    if not month or not year:
        return None
    rest = _TIME.sub(" ", text.replace(year[0], " ", 1))
    day = _DAY.search(rest)
    return datetime.date(
        int(year[1]), _MONTHS.index(month[1].lower()) + 1, int(day[1]) if day else 1
    )


def _relative(text: str, reference: datetime.date | None) -> datetime.date | None:
    if reference is None:
        return None
    if isinstance(reference, datetime.datetime):
        reference = reference.date()
    if _SAME_DAY.search(text):
        return reference
    if re.search(r"\byesterday\b", text, re.IGNORECASE):
        return reference - datetime.timedelta(days=1)
    if m := _RELATIVE.search(text):
        count = 1 if m[1].lower() in ("a", "an") else int(m[1])
        days = int(count * _DAYS_PER_UNIT[m[2].lower()])
        return reference - datetime.timedelta(days=days)
    return None


# --- salary ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Salary:
    """Pay as written (per `period`, in `currency`) and the same figures per year."""

    minimum: float | None
    maximum: float | None
    currency: str | None
    period: str | None
    annual_min: float | None
    annual_max: float | None


_ANNUAL_FACTOR = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}
_CURRENCY_CODES = (
    "USD", "GBP", "EUR", "CAD", "AUD", "CHF", "SEK", "NOK", "DKK", "INR", "JPY", "SGD", "PLN",
    "NZD", "HKD", "CNY", "BRL", "MXN", "ZAR", "ILS", "CZK", "HUF", "TWD", "AED", "KRW", "MYR",
)  # fmt: skip
_CODE = re.compile(r"\b(" + "|".join(_CURRENCY_CODES) + r"|NTD|euros?)(?![a-z])", re.IGNORECASE)
_CODE_ALIASES = {"NTD": "TWD", "EURO": "EUR", "EUROS": "EUR"}
_SYMBOL = re.compile(r"\b(CA|C|AU|A|NZ|SG|S|HK|US|R)\$|[$£€₹¥]|\b(?:Rs\.?|RM)(?=\s*\d)")
_SYMBOLS = {
    "CA": "CAD", "C": "CAD", "AU": "AUD", "A": "AUD", "NZ": "NZD", "SG": "SGD", "S": "SGD",
    "HK": "HKD", "US": "USD", "R": "BRL", "$": "USD", "£": "GBP", "€": "EUR", "₹": "INR",
    "¥": "JPY", "Rs": "INR", "RM": "MYR",
}  # fmt: skip
_NUMBER = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 120,000 or 134,800.00
    r"|\d{1,3}(?:\.\d{3})+(?![\d.])"  # 60.000, European thousands
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)"  # 60 000
    r"|\d+(?:\.\d+)?"
)


def _unit(name: str) -> str:
    return rf"(?:\s?(?P<{name}>k|mm|m|bn|b|lpa|lakhs?|lacs?|l)(?![a-z]))?"


_AMOUNTS = re.compile(
    rf"(?P<low>{_NUMBER}){_unit('low_unit')}(?:\s*/\s*(?:hr|hour|h|yr|year|mo|month)\b)?"
    rf"(?:\s*(?:-|–|—|−|~|\bto\b)\s*(?:[A-Za-z]{{0,3}}[$£€₹¥]|[A-Z]{{2,3}}\s?)?\s*"
    rf"(?P<high>{_NUMBER}){_unit('high_unit')})?(?P<plus>\+(?!\s*[A-Za-z]))?",
    re.IGNORECASE,
)
_MULTIPLIERS = {"k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9}
_LAKH = 1e5  # Indian numbering: "20 LPA" is 20 lakh (2,000,000) rupees per annum
_PERCENT = re.compile(r"\d*\.?\d+\s*%?\s*(?:-|–|—|to)\s*\d*\.?\d+\s*%|\d*\.?\d+\s*%")
_401K = re.compile(r"\b401\s*\(?k\)?", re.IGNORECASE)
_NEGATIVE = re.compile(r"-\s*(?:[A-Za-z]{0,3}[$£€₹¥]|[A-Z]{3})?\s*$")
_CEILING = re.compile(r"(?:\bup\s*-?\s*to|\bupto|\bmax(?:imum)?|\bunder|\bbelow|<=?)\W*$", re.I)
_FLOOR = re.compile(
    r"(?:\bfrom|\babove|\bover|\bmin(?:imum)?|\bat least|\bstarting at|>=?)\W*$", re.I
)
_CLAUSE_END = re.compile(r"[,;(|•]|\s\+|\bor\b", re.IGNORECASE)
_PERIOD = re.compile(
    r"(?:\bper\b|\ban?\b|/|\bp/)\s*(hours?|hrs?|h|days?|weeks?|wks?|months?|mos?|mths?|years?"
    r"|yrs?|annum)\b|\b(hourly|daily|weekly|monthly|yearly|annual|annually|pa|p\.a)\b"
    r"|(?<=\d)(hr|mo|yr)\b",
    re.IGNORECASE,
)
_PERIOD_WORDS = {
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "h": "hour", "hourly": "hour",
    "day": "day", "days": "day", "daily": "day",
    "week": "week", "weeks": "week", "wk": "week", "wks": "week", "weekly": "week",
    "month": "month", "months": "month", "mo": "month", "mos": "month", "mth": "month",
    "mths": "month", "monthly": "month",
    "year": "year", "years": "year", "yr": "year", "yrs": "year", "annum": "year",
    "yearly": "year", "annual": "year", "annually": "year", "pa": "year", "p.a": "year",
}  # fmt: skip


def parse_salary(value: object) -> Salary | None:
    """The first salary figure or range in a text, with currency, period and per-year figures."""
    text = clean(value)
    if text is None:
        return None
    # Equity percentages and "401(k)" are numbers that are not pay.
    text = _401K.sub(" ", _PERCENT.sub(" ", text))
    m = _AMOUNTS.search(text)
    if m is None or _NEGATIVE.search(text[: m.start()]):
        return None
    low_unit, high_unit = (m["low_unit"] or "").lower(), (m["high_unit"] or "").lower()
    low, high = _number(m["low"]), _number(m["high"]) if m["high"] else None
    if high is not None and not low_unit and high_unit and low <= high:
        low_unit = high_unit  # "$100-150k": the k belongs to both ends
    low *= _multiplier(low_unit)
    if high is not None:
        high *= _multiplier(high_unit)
    minimum, maximum = _bounds(low, high, text[: m.start()], bool(m["plus"]))
    lakh = low_unit.startswith("l") or high_unit.startswith("l")
    stop = _CLAUSE_END.search(text, m.end())
    period = _period(text[: stop.start() if stop else len(text)], lakh, high or low)
    # Lakh amounts are rupees even where an export tags them "(USD)", as Hacker News rows do.
    currency = "INR" if lakh else _currency(text)
    return _checked(minimum, maximum, currency, period)


def _number(raw: str) -> float:
    digits = re.sub(r"[,\s]", "", raw)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
        digits = digits.replace(".", "")
    return float(digits)


def _multiplier(unit: str) -> float:
    return _LAKH if unit.startswith("l") else _MULTIPLIERS.get(unit, 1.0)


def _bounds(
    low: float, high: float | None, before: str, plus: bool
) -> tuple[float | None, float | None]:
    if high is not None:
        return low, high
    if _CEILING.search(before):
        return None, low
    if plus or _FLOOR.search(before):
        return low, None
    return low, low


def _period(window: str, lakh: bool, top: float) -> str:
    if m := _PERIOD.search(window):
        return _PERIOD_WORDS[(m[1] or m[2] or m[3]).lower()]
    # Without a stated period, small figures are hourly rates and large ones yearly pay.
    return "year" if lakh or top >= 1000 else "hour"


def _currency(text: str) -> str | None:
    if m := _CODE.search(text):
        code = m[1].upper()
        return _CODE_ALIASES.get(code, code)
    if m := _SYMBOL.search(text):
        return _SYMBOLS[m[1] or m[0].rstrip(".")]
    return None


def _checked(
    minimum: float | None, maximum: float | None, currency: str | None, period: str
) -> Salary | None:
    if minimum is not None and maximum is not None and maximum < minimum:
        return None
    factor = _ANNUAL_FACTOR[period]
    annual_min = None if minimum is None else round(minimum * factor, 2)
    annual_max = None if maximum is None else round(maximum * factor, 2)
    if any(a is not None and not 1_000 <= a <= 10_000_000 for a in (annual_min, annual_max)):
        return None
    return Salary(minimum, maximum, currency, period, annual_min, annual_max)


# --- location --------------------------------------------------------------------------------

# Canonical name -> other spellings and ISO alpha-2/alpha-3 codes, for countries seen in tech
# listings. Georgia and Morocco are left out: in US-heavy exports "Georgia" and "MA" mean states.
_COUNTRY_SPELLINGS = {
    "United States": "us|usa|united states of america|america",
    "United Kingdom": "gb|gbr|uk|england|scotland|wales|northern ireland|great britain|britain",
    "Canada": "ca|can",
    "Mexico": "mx|mex",
    "Brazil": "br|bra|brasil",
    "Argentina": "ar|arg",
    "Chile": "cl|chl",
    "Colombia": "co|col",
    "Peru": "pe",
    "Uruguay": "uy|ury",
    "Costa Rica": "cr|cri",
    "Germany": "de|deu|deutschland",
    "France": "fr|fra",
    "Netherlands": "nl|nld|holland",
    "Belgium": "be|bel",
    "Luxembourg": "lu|lux",
    "Ireland": "ie|irl|republic of ireland",
    "Spain": "es|esp|espana",
    "Portugal": "pt|prt",
    "Italy": "it|ita|italia",
    "Switzerland": "ch|che|schweiz|suisse",
    "Austria": "at|aut|osterreich",
    "Denmark": "dk|dnk",
    "Sweden": "se|swe|sverige",
    "Norway": "no|nor|norge",
    "Finland": "fi|fin|suomi",
    "Iceland": "is|isl",
    "Poland": "pl|pol|polska",
    "Czech Republic": "cz|cze|czechia",
    "Slovakia": "sk|svk",
    "Hungary": "hu|hun",
    "Romania": "ro|rou",
    "Bulgaria": "bg|bgr",
    "Greece": "gr|grc",
    "Cyprus": "cy|cyp",
    "Malta": "mt|mlt",
    "Estonia": "ee",
    "Latvia": "lv|lva",
    "Lithuania": "lt|ltu",
    "Slovenia": "si|svn",
    "Croatia": "hr|hrv",
    "Serbia": "rs|srb",
    "Ukraine": "ua|ukr",
    "Turkey": "tr|tur|turkiye",
    "Israel": "il|isr",
    "United Arab Emirates": "ae|are|uae|emirates",
    "Saudi Arabia": "sa|sau|ksa",
    "Qatar": "qa|qat",
    "Egypt": "eg|egy",
    "South Africa": "za|zaf",
    "Nigeria": "ng|nga",
    "Kenya": "ke|ken",
    "Ghana": "gh|gha",
    "Madagascar": "mg|mdg",
    "Togo": "tg|tgo",
    "India": "in|ind|bharat",
    "Pakistan": "pk|pak",
    "Bangladesh": "bd|bgd",
    "Sri Lanka": "lk|lka",
    "China": "cn|chn|prc|mainland china",
    "Hong Kong": "hk|hkg",
    "Taiwan": "tw|twn",
    "Japan": "jp|jpn",
    "South Korea": "kr|kor|korea|republic of korea",
    "Singapore": "sg|sgp",
    "Malaysia": "my|mys",
    "Thailand": "th|tha",
    "Vietnam": "vn|vnm|viet nam",
    "Philippines": "ph|phl",
    "Indonesia": "id|idn",
    "Australia": "au|aus",
    "New Zealand": "nz|nzl",
    "Russia": "ru|rus|russian federation",
}
_US_REGIONS = (
    "al alabama|ak alaska|az arizona|ar arkansas|ca california|co colorado|ct connecticut"
    "|de delaware|fl florida|ga georgia|hi hawaii|id idaho|il illinois|in indiana|ia iowa"
    "|ks kansas|ky kentucky|la louisiana|me maine|md maryland|ma massachusetts|mi michigan"
    "|mn minnesota|ms mississippi|mo missouri|mt montana|ne nebraska|nv nevada"
    "|nh new hampshire|nj new jersey|nm new mexico|ny new york|nc north carolina"
    "|nd north dakota|oh ohio|ok oklahoma|or oregon|pa pennsylvania|ri rhode island"
    "|sc south carolina|sd south dakota|tn tennessee|tx texas|ut utah|vt vermont|va virginia"
    "|wa washington|wv west virginia|wi wisconsin|wy wyoming|dc district of columbia"
    "|dc washington dc|pr puerto rico"
)
_CA_REGIONS = (
    "on ontario|bc british columbia|qc quebec|ab alberta|mb manitoba|sk saskatchewan"
    "|ns nova scotia|nb new brunswick|nl newfoundland and labrador|pe prince edward island"
    "|yt yukon|nt northwest territories|nu nunavut"
)
# Big tech hubs, enough to place a bare city name and to settle "CA" (California or Canada).
_CITY_NAMES = {
    "United States": "new york|new york city|nyc|brooklyn|manhattan|san francisco|sf|bay area"
    "|sf bay area|san francisco bay area|south san francisco|oakland|berkeley|emeryville"
    "|palo alto|mountain view|menlo park|sunnyvale|san jose|santa clara|cupertino|redwood city"
    "|san mateo|foster city|burlingame|los angeles|la|santa monica|san diego|seattle|redmond"
    "|bellevue|austin|boston|chicago|denver|boulder|atlanta|houston|dallas|miami|pittsburgh"
    "|philadelphia|salt lake city|minneapolis|washington dc",
    "Canada": "toronto|vancouver|montreal|ottawa|calgary|waterloo|edmonton|quebec city",
    "United Kingdom": "london|manchester|edinburgh|glasgow|bristol|oxford|leeds|belfast",
    "Germany": "berlin|munich|munchen|hamburg|frankfurt|cologne|koln|dusseldorf|stuttgart",
    "Netherlands": "amsterdam|rotterdam|utrecht|the hague|eindhoven|delft",
    "France": "paris|lyon",
    "Spain": "madrid|barcelona",
    "Portugal": "lisbon|porto",
    "Ireland": "dublin",
    "Sweden": "stockholm|gothenburg",
    "Norway": "oslo",
    "Denmark": "copenhagen",
    "Finland": "helsinki",
    "Switzerland": "zurich|geneva|lausanne|basel",
    "Austria": "vienna",
    "Belgium": "brussels|antwerp",
    "Czech Republic": "prague",
    "Poland": "warsaw|krakow|wroclaw",
    "Estonia": "tallinn",
    "Hungary": "budapest",
    "Italy": "milan|rome",
    "Greece": "athens",
    "Israel": "tel aviv",
    "India": "bangalore|bengaluru|mumbai|hyderabad|pune|chennai|delhi|new delhi|gurgaon"
    "|gurugram|noida",
    "Japan": "tokyo",
    "South Korea": "seoul",
    "China": "beijing|shanghai|shenzhen",
    "Taiwan": "taipei",
    "Thailand": "bangkok",
    "United Arab Emirates": "dubai|abu dhabi",
    "Australia": "sydney|melbourne|brisbane",
    "New Zealand": "auckland|wellington",
    "Brazil": "sao paulo",
    "Mexico": "mexico city",
    "Argentina": "buenos aires",
}


def _key(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9&]+", " ", plain.lower().replace(".", "")).split()
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


def _table(groups: dict[str, str]) -> dict[str, str]:
    return {_key(alias): name for name, spellings in groups.items()
            for alias in (name, *spellings.split("|"))}  # fmt: skip


def _region_table(regions: str, country: str) -> dict[str, str]:
    return {_key(alias): country for entry in regions.split("|") for alias in entry.split(" ", 1)}


_COUNTRIES = _table(_COUNTRY_SPELLINGS)
_US_STATES = _region_table(_US_REGIONS, "United States")
_CA_PROVINCES = _region_table(_CA_REGIONS, "Canada")
_CITIES = _table(_CITY_NAMES)
# A code such as "CA" or "DE" can name a country, a US state or a province. In a country field
# the country reading comes first ("CA" Canada, "DE" Germany) and a state code that is no
# country code means the United States (Hacker News writes "NY", "MA", "TX" there); in a
# location ("San Francisco, CA", "Toronto, ON") the North American "City, ST" habit comes first.
# A recognised city in the location settles either way: HN's "CA" + "San Francisco" is the US.
_COUNTRY_FIELD_ORDER = (_COUNTRIES, _US_STATES, _CA_PROVINCES)
_LOCATION_ORDER = (_US_STATES, _CA_PROVINCES, _COUNTRIES)


def normalise_country(country: object, location: object = None) -> str | None:
    """Canonical English country name from a country field, else from a location text."""
    from_location = _country_from_location(location)
    text = clean(country)
    if text is None:
        return from_location
    inner = re.search(r"\(([^)]*)\)", text)  # "Remote (US)"
    for candidate in (text, inner[1] if inner else None):
        if candidate and (found := _resolve(candidate, _COUNTRY_FIELD_ORDER, from_location)):
            return found
    return from_location


def _country_from_location(location: object) -> str | None:
    text = clean(location)
    if text is None:
        return None
    parts = [p for p in re.split(r"[,;|/()]| - | – ", text) if p.strip()]
    city = next((_CITIES[k] for k in map(_key, parts) if k in _CITIES), None)
    for part in reversed(parts):
        if found := _resolve(part, _LOCATION_ORDER, city):
            return found
    return city


def _resolve(text: str, tables: tuple[dict[str, str], ...], prefer: str | None) -> str | None:
    key = _key(text)
    candidates = [table[key] for table in tables if key in table]
    if prefer in candidates:
        return prefer
    return candidates[0] if candidates else None


# --- remote and company ----------------------------------------------------------------------

_REMOTE_VALUES = {
    "remote": ("yes", "y", "true", "1", "1.0", "remote", "fully remote", "full remote",
               "100% remote", "remote only", "work from home", "wfh", "telecommute"),
    "hybrid": ("hybrid", "partially remote", "partly remote", "partial remote"),
    "on-site": ("no", "n", "false", "0", "0.0", "onsite", "on-site", "on site", "in office",
                "in-office", "office", "in person", "in-person", "not remote"),
}  # fmt: skip
_REMOTE_LOOKUP = {word: kind for kind, words in _REMOTE_VALUES.items() for word in words}
_REMOTE_WORDS = (
    ("hybrid", re.compile(r"\bhybrid\b", re.IGNORECASE)),
    ("on-site", re.compile(r"\b(?:on-?\s?site|in[- ]office|not remote|no remote)\b", re.I)),
    ("remote", re.compile(r"\b(?:remote|work from home|wfh)\b", re.IGNORECASE)),
)


def parse_remote(value: object, location: object = None) -> str | None:
    """ "remote", "hybrid", "on-site", or None when neither the value nor the location says."""
    text = clean(value)
    if text is not None:
        key = re.sub(r"\s+", " ", text.lower())
        if key in _REMOTE_LOOKUP:
            return _REMOTE_LOOKUP[key]
        if found := _remote_from_words(key):
            return found
    where = clean(location)
    return _remote_from_words(where) if where else None


def _remote_from_words(text: str) -> str | None:
    return next((kind for kind, pattern in _REMOTE_WORDS if pattern.search(text)), None)


def clean_company(value: object) -> str | None:
    """Company name without the rating Glassdoor puts on a second line."""
    text = clean(value)
    if text is None:
        return None
    first = next((line for line in text.splitlines() if line.strip()), "")
    return clean(" ".join(first.split()))
