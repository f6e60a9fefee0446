"""Which column of an export holds which field, found by header synonyms and overridable by hand.

A field takes one column, except the posting date, which may take several in order: the first
non-empty value wins, so a scrape date stands in for a missing posting date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipelines.readers import InputError

# Field -> header synonyms, best first, compared in snake_case ("Job Title" -> job_title).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "source_id": (
        "id",
        "job_id",
        "posting_id",
        "listing_id",
        "post_link_id",
        "jobid",
        "job_key",
        "jobkey",
        "requisition_id",
        "req_id",
        "external_id",
        "slug",
        "objectid",
    ),
    "title": (
        "title",
        "job_title",
        "jobtitle",
        "position",
        "position_title",
        "job_name",
        "role",
        "role_title",
        "job_position",
        "name",
        "vacancy",
        "designation",
    ),
    "company": (
        "company",
        "company_name",
        "companyname",
        "employer",
        "employer_name",
        "organization",
        "organisation",
        "hiring_organization",
        "hiring_company",
        "firm",
        "company_display_name",
    ),
    "location": (
        "location",
        "job_location",
        "location_name",
        "formatted_location",
        "candidate_required_location",
        "city",
        "job_city",
        "place",
        "locations",
        "office",
        "work_location",
        "region",
    ),
    "country": ("country", "country_code", "job_country", "location_country", "nation"),
    "remote": (
        "remote",
        "is_remote",
        "job_is_remote",
        "remote_ok",
        "remote_allowed",
        "work_from_home",
        "workplace_type",
        "remote_type",
        "remote_work",
        "workplace",
    ),
    "posted_date": (
        "posted_date",
        "date_posted",
        "posted_at",
        "post_date",
        "posting_date",
        "posted",
        "date",
        "published_at",
        "publication_date",
        "published",
        "created_at",
        "created",
        "listed_time",
        "original_listed_time",
        "job_posted_at_datetime_utc",
        "job_posted_at",
        "date_created",
        "first_seen",
        "time",
        "updated_at",
        # Scrape dates only stand in when the listing's own date is missing.
        "extraction_date",
        "scraped_at",
        "scrape_date",
        "crawled_at",
        "collected_at",
    ),
    "salary": (
        "salary",
        "salary_estimate",
        "salary_range",
        "compensation",
        "pay",
        "pay_range",
        "salary_text",
        "wage",
        "remuneration",
        "job_salary",
    ),
    "salary_min": ("salary_min", "min_salary", "minimum_salary", "job_min_salary", "salary_from"),
    "salary_max": ("salary_max", "max_salary", "maximum_salary", "job_max_salary", "salary_to"),
    "salary_currency": ("salary_currency", "currency", "job_salary_currency", "pay_currency"),
    "salary_period": (
        "salary_period",
        "pay_period",
        "job_salary_period",
        "salary_interval",
        "salary_type",
    ),
    "description": (
        "description",
        "job_description",
        "jobdescription",
        "description_text",
        "body",
        "text",
        "content",
        "details",
        "job_details",
        "job_summary",
        "summary",
        "snippet",
        "full_description",
        "description_html",
        "html",
    ),
    # A skills list adds to the full text, or stands in for it (HN's languages_frameworks).
    "skills_text": (
        "skills",
        "job_skills",
        "skills_desc",
        "required_skills",
        "languages_frameworks",
        "tags",
        "technologies",
        "tech_stack",
    ),
}
FIELDS = tuple(SYNONYMS)
REQUIRED_ANY = ("title", "description", "skills_text")
_PREFIX = re.compile(r"^(?:job|posting|listing|vacancy)_")


def snake(header: str) -> str:
    """'Job Title' -> 'job_title', 'jobPostedAt' -> 'job_posted_at'."""
    header = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", header.strip())
    return re.sub(r"[^a-z0-9]+", "_", header.lower()).strip("_")


def parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """['title=Job Name', 'salary='] -> {'title': 'Job Name', 'salary': ''}; '' means unused."""
    overrides = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field = field.strip()
        if not sep:
            raise InputError(f"--map {pair!r}: write it as field=Column, e.g. title='Job Name'")
        if field not in SYNONYMS:
            raise InputError(
                f"--map {pair!r}: unknown field {field!r}; fields: {', '.join(FIELDS)}"
            )
        overrides[field] = column.strip()
    return overrides


def resolve(
    columns: Iterable[str], overrides: dict[str, str] | None = None, *, file_name: str = "file"
) -> dict[str, list[str]]:
    """Field -> the file's columns for it, best first. Raises InputError when unusable.

    An override of "" leaves that field out even where a header synonym would fill it.
    """
    columns = list(columns)
    # Columns that differ only in case ("title", "Title": JSON keys) all stand for one name;
    # the first wins and the others fill its gaps.
    by_snake: dict[str, list[str]] = {}
    for column in columns:
        by_snake.setdefault(snake(column), []).append(column)
    for column in columns:  # "Job Body" and "Posting Date" are "body" and "date" too
        by_snake.setdefault(_PREFIX.sub("", snake(column)), [column])
    mapping: dict[str, list[str]] = {}
    taken: set[str] = set()
    unused = {field for field, column in (overrides or {}).items() if column == ""}
    for field, column in (overrides or {}).items():
        if field in unused:
            continue
        if column not in columns:
            raise InputError(
                f"{file_name}: --map {field}={column}: no column {column!r}; "
                f"columns are: {_listing(columns)}"
            )
        mapping[field] = [column]
        taken.add(column)
    for field, synonyms in SYNONYMS.items():
        if field in mapping or field in unused:
            continue
        found = [[c for c in by_snake.get(s, []) if c not in taken] for s in synonyms]
        found = [same for same in found if same]
        if found:
            mapping[field] = (
                [c for same in found for c in same] if field == "posted_date" else found[0]
            )
            taken.update(mapping[field])
    if not any(field in mapping for field in REQUIRED_ANY):
        raise InputError(
            f"{file_name}: no column for the listing's title or description; "
            f"columns are: {_listing(columns)}; "
            "name one with --map title=COLUMN or --map description=COLUMN"
        )
    return mapping


def _listing(columns: list[str], most: int = 30) -> str:
    """Column names for a message, kept short whatever the file's header holds."""
    shown = [name if len(name) <= 60 else name[:57] + "..." for name in columns[:most]]
    more = f" and {len(columns) - most} more" if len(columns) > most else ""
    return (", ".join(shown) or "(none)") + more
