"""Exports shaped like other job boards' (LinkedIn, Indeed, Greenhouse) load by header synonyms."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from conftest import SPEC_IDS, cli, table

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
TODAY = datetime.date.today()

# Per listing, read off the fixture files by hand: (title, company, country, remote, posted,
# salary min, max, currency, period, role family, seniority, SPEC skills).
EXPECTED = {
    "linkedin_postings.csv": {
        "3884428798": (
            "Senior Machine Learning Engineer", "Northwind Health", "United States", "remote",
            datetime.date(2024, 4, 17), 150000, 185000, "USD", "year", "ml_engineer", "senior",
            {"machine_learning", "pytorch", "scikit_learn", "kubernetes", "python", "spark"},
        ),
        "3887470552": (
            "Data Analyst", "Contoso Analytics", "United States", None,
            datetime.date(2024, 4, 18), 30, 45, "USD", "hour", "data_analyst", "mid",
            {"tableau", "power_bi", "sql", "excel"},
        ),
    },
    "indeed_export.json": {
        "a1b2c3d4e5f60718": (
            "Junior Data Scientist", "Fabrikam Ltd", "United Kingdom", "on-site",
            datetime.date(2024, 4, 1), 35000, 42000, "GBP", "year", "data_scientist", "junior",
            {"python", "r", "statistics", "ab_testing"},
        ),
        "0f9e8d7c6b5a4321": (
            "NLP Research Scientist", "Tailspin AI", "United Kingdom", "remote",
            TODAY - datetime.timedelta(days=3), 90000, 110000, "GBP", "year",
            "research_scientist", "mid", {"nlp", "llm", "hugging_face", "jax"},
        ),
    },
    "greenhouse_jobs.jsonl": {
        "4012345": (
            "Data Engineer, Platform", None, "United States", None, datetime.date(2024, 3, 5),
            None, None, None, None, "data_engineer", "mid", {"airflow", "aws", "go", "scala"},
        ),
        "4012399": (
            "Staff Software Engineer", None, "Canada", None, datetime.date(2024, 3, 7),
            None, None, None, None, "software_engineer", "lead", {"java", "docker", "git"},
        ),
    },
}  # fmt: skip


@pytest.mark.parametrize("file_name", sorted(EXPECTED))
def test_export_loads_with_its_own_column_names(tmp_path: Path, file_name: str) -> None:
    database = tmp_path / "jobs.duckdb"
    result = cli("ingest", EXPORTS / file_name, "--name", "board", "--db", database)
    assert result.returncode == 0, result.stderr
    rows = table(
        database,
        "SELECT posting_id, title, company, country, remote, posted_date, salary_min, salary_max, "
        "salary_currency, salary_period, role_family, seniority FROM postings",
    )
    skills = table(database, "SELECT posting_id, skill_id FROM posting_skills")
    got = {}
    for posting_id, *fields in rows:
        found = {s for p, s in skills if p == posting_id} & SPEC_IDS
        got[posting_id.removeprefix("board:")] = (*fields, found)
    assert got == EXPECTED[file_name]


def test_html_is_stored_as_text(tmp_path: Path) -> None:
    database = tmp_path / "jobs.duckdb"
    assert cli("ingest", EXPORTS / "greenhouse_jobs.jsonl", "--db", database).returncode == 0
    descriptions = [r[0] for r in table(database, "SELECT description FROM postings ORDER BY 1")]
    assert descriptions == [
        "Java, Docker and Git. Excel at ownership.",
        "We run Airflow & dbt on AWS.\n- Go or Scala",
    ]
