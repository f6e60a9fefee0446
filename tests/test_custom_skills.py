"""Users' own skills: added with --skills, kept in the database, applied by re-extraction."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HAND_SKILLS, cli, table
from test_ingest import dump

from pipelines.skills import Matcher, evidence, load_taxonomy

EXTRA = """
[[skills]]
id = "sales"
name = "Sales"
category = "Collaboration & communication"
aliases = ["sales"]

[[skills]]
id = "jax"
name = "JAX"
category = "ML frameworks & libraries"
aliases = ["jax", "flax"]
exclude = ['jax\\s+with']
"""


def skills_of(database: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for posting_id, skill_id in table(database, "SELECT posting_id, skill_id FROM posting_skills"):
        found.setdefault(posting_id.removeprefix("hand:"), set()).add(skill_id)
    return found


def test_reextract_applies_user_skills_and_keeps_them(tmp_path: Path, hand_db: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(EXTRA, encoding="utf-8")
    version_before = table(hand_db, "SELECT DISTINCT taxonomy_version FROM skills")

    result = cli("reextract", "--skills", extra, "--db", hand_db)
    assert result.returncode == 0, result.stderr
    assert "mine.toml" in result.stdout

    found = skills_of(hand_db)
    # A-5 says "excel at sales"; A-8 says "JAX and NumPy", which the replaced jax still matches.
    assert found["A-5"] == {"sales"}
    assert found["A-8"] == HAND_SKILLS["A-8"]
    assert table(hand_db, "SELECT DISTINCT taxonomy_version FROM skills") != version_before
    assert table(hand_db, "SELECT name FROM skills WHERE skill_id = 'sales'") == [("Sales",)]

    # A later load without --skills still uses them.
    later = tmp_path / "later.csv"
    later.write_text("title,description\nAccount Manager,Enterprise sales\n", encoding="utf-8")
    assert cli("ingest", later, "--db", hand_db).returncode == 0
    assert table(
        hand_db,
        "SELECT skill_id FROM posting_skills JOIN postings USING (posting_id) "
        "WHERE title = 'Account Manager'",
    ) == [("sales",)]

    reset = cli("reextract", "--reset-skills", "--db", hand_db)
    assert reset.returncode == 0, reset.stderr
    assert "sales" not in {s for skills in skills_of(hand_db).values() for s in skills}
    assert table(hand_db, "SELECT DISTINCT taxonomy_version FROM skills") == version_before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (EXTRA + EXTRA, "'sales' is defined twice"),
        ('[[skills]]\nid = "x"\nname = "X"\ncategory = "C"\npatterns = ["(oops"]\n',
         "bad.toml, skill #1 (x): invalid pattern"),
        ('[[skills]]\nid = "x"\nname = "X"\ncategory = "C"\nweak = ["X"]\nrequires = ["zz"]\n',
         "unknown skill ids ['zz']"),
    ],
)  # fmt: skip
def test_bad_user_skills_exit_2_and_change_nothing(
    tmp_path: Path, hand_db: Path, body: str, message: str
) -> None:
    extra = tmp_path / "bad.toml"
    extra.write_text(body, encoding="utf-8")
    before = dump(hand_db)
    result = cli("reextract", "--skills", extra, "--db", hand_db)
    assert result.returncode == 2
    assert message in result.stderr
    assert dump(hand_db) == before


def test_evidence_shows_each_matched_span_in_context() -> None:
    matcher = Matcher(load_taxonomy())
    text = "Strong SQL; R&D budget. Also PostgreSQL and R."
    assert evidence(matcher, text, "sql", width=8) == [
        ("Strong ", "SQL", "; R&D bu"),
        ("t. Also ", "PostgreSQL", " and R."),
    ]
    assert evidence(matcher, text, "r", width=5) == [(" and ", "R", ".")]
    assert evidence(matcher, text, "python") == []
