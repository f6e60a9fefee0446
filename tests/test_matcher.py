"""The matcher's rules, on a small taxonomy written for these tests (fixtures/mini_skills.toml)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipelines.skills import (
    Matcher,
    TaxonomyError,
    load_taxonomy,
    scan_bytes,
    single_spaced,
    snippet,
    spellings,
)

MINI = Path(__file__).parent / "fixtures" / "mini_skills.toml"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_taxonomy(MINI))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Python, SQL and R", ["python", "r", "sql"]),
        ("python python PYTHON", ["python"]),
        ("Python3.8 preferred", ["python"]),
        ("pythonic code", []),
        ("SQLExperience with modelingAWS", ["aws", "sql"]),
        ("Python or RAbility to learn", ["python", "r"]),
        ("R&D team, R & D budget", []),
        ("Acme(R) products by R.J. Smith on SAP R/3", []),
        ("NoSQL stores", []),
        ("PostgreSQL and MySQL", ["sql"]),
        ("C++ and C# only", []),
        ("C, C++", ["c"]),
        ("RAM and HR", []),
        ("TF alone", []),
        ("Python and TF", ["python", "tensorflow"]),
        ("naïve Python", ["python"]),
        ("", []),
    ],
)
def test_skills_in(matcher: Matcher, text: str, expected: list[str]) -> None:
    assert matcher.skills_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the first mention sits inside a word or is excluded; a later one counts
        ("Company Culture: we write C.", ["c"]),
        ("CEO and CRM teams; RAM; then C and R", ["c", "r"]),
        ("R&D with Rust, then R.", ["r"]),
        ("Pythonic teams use pythonista tools and Python", ["python"]),
        ("lawsuits, laws and AWS", ["aws"]),
        ("Pythonic C++ and C#", []),
    ],
)
def test_a_later_mention_counts_when_the_first_does_not(
    matcher: Matcher, text: str, expected: list[str]
) -> None:
    assert matcher.skills_in(text) == expected
    assert sorted({h.skill_id for h in matcher.hits(text)}) == expected


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"data\s+models?", r"data\smodels?"),
        (r"C\s*&\s*C", r"C\s?&\s?C"),
        (r"go[\s\-]+to", r"go[\s\-]+to"),  # in a class "+" repeats dashes too: kept
        (r"[^\s+]\s+x", r"[^\s+]\sx"),
        (r"[]\s+]\s*y", r"[]\s+]\s?y"),
        (r"a\\s+b", r"a\\s+b"),  # an escaped backslash then "s+"
        (r"\s{2,}", r"\s{2,}"),
    ],
)
def test_single_spaced_bounds_whitespace_repeats(pattern: str, expected: str) -> None:
    assert single_spaced(pattern) == expected


def test_single_spaced_patterns_match_the_same_over_scanned_text() -> None:
    text = scan_bytes("Series   C funding;\n\n  data \t models in  production, a\\sssb")
    for pattern in (r"series\s+c", r"data\s*models?\s+in", r"a\\s+b", r"\s+\w+\s*,"):
        original = re.findall(pattern.encode(), text, re.IGNORECASE)
        assert original, pattern
        assert re.findall(single_spaced(pattern).encode(), text, re.IGNORECASE) == original


def test_extract_is_presence_per_text(matcher: Matcher) -> None:
    texts = ["SQL, SQL", "R", "nothing here"]
    assert [matcher.skills_in(t) for t in texts] == [["sql"], ["r"], []]


def test_hits_give_character_offsets_of_each_mention(matcher: Matcher) -> None:
    text = "Ünïcödé: Python, then SQL and PostgreSQL."
    hits = matcher.hits(text)
    assert [(h.skill_id, text[h.start : h.end]) for h in hits] == [
        ("python", "Python"),
        ("sql", "SQL"),
        ("sql", "PostgreSQL"),
    ]
    assert snippet(text, hits[1], width=6) == (" then ", "SQL", " and P")


def test_hits_and_skills_agree(matcher: Matcher) -> None:
    text = "Python and TF; R&D; R; NoSQL; MySQL"
    assert sorted({h.skill_id for h in matcher.hits(text)}) == matcher.skills_in(text)


def test_alias_words_join_by_space_hyphen_underscore_or_nothing() -> None:
    assert sorted(spellings("scikit learn")) == [
        "scikit learn",
        "scikit-learn",
        "scikit_learn",
        "scikitlearn",
    ]


@pytest.mark.parametrize(
    "text",
    ["Scikit-Learn", "scikit_learn", "SCIKITLEARN", "scikit  learn", "We use scikit \t learn."],
)
def test_alias_spellings_are_found_across_runs_of_spaces(text: str) -> None:
    matcher = Matcher(load_taxonomy())
    assert "scikit_learn" in matcher.skills_in(text)
    [hit] = [h for h in matcher.hits(text) if h.skill_id == "scikit_learn"]
    assert text[hit.start : hit.end].lower().replace("_", "-").split() in (
        ["scikit-learn"],
        ["scikitlearn"],
        ["scikit", "learn"],
    )


def test_user_file_adds_and_replaces_skills(tmp_path: Path) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text(
        '[[skills]]\nid = "dbt"\nname = "dbt"\ncategory = "Data tooling"\naliases = ["dbt"]\n'
        '[[skills]]\nid = "r"\nname = "R"\ncategory = "Programming languages"\n'
        'aliases = ["rlang"]\n',
        encoding="utf-8",
    )
    base = load_taxonomy(MINI)
    both = load_taxonomy(MINI, extra)
    assert both.version != base.version
    matcher = Matcher(both)
    assert matcher.skills_in("dbt models and R") == ["dbt"]
    assert matcher.skills_in("rlang") == ["r"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[skills]]\nid = "x"\nname = "X"\ncategory = "C"\npatterns = ["(unclosed"]\n', "invalid"),
        (
            '[[skills]]\nid = "x"\nname = "X"\ncategory = "C"\npatterns = ["a(?=b)"]\n',
            "look-around",
        ),
        ('[[skills]]\nid = "Bad Id"\nname = "X"\ncategory = "C"\naliases = ["x"]\n', "Bad Id"),
        ('[[skills]]\nid = "x"\ncategory = "C"\naliases = ["x"]\n', "'name'"),
        ('[[skills]]\nid = "x"\nname = "X"\ncategory = "C"\n', "at least one"),
        ('[[skills]]\nid = "x"\nname = "X"\ncategory = "C"\nweak = ["X"]\n', "requires"),
        (
            '[[skills]]\nid = "x"\nname = "X"\ncategory = "C"\naliases = ["x"]\n'
            '[[skills]]\nid = "x"\nname = "X2"\ncategory = "C"\naliases = ["y"]\n',
            "defined twice",
        ),
        ("this is not toml [", "not a valid TOML"),
    ],
)
def test_bad_taxonomy_names_the_entry(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(TaxonomyError, match=message) as error:
        Matcher(load_taxonomy(path))
    assert "bad.toml" in str(error.value) or "'x'" in str(error.value)


def test_compiled_patterns_are_cached_and_a_broken_cache_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    text = "Python or RAbility; R&D; NoSQL"
    fresh = Matcher(load_taxonomy(MINI)).skills_in(text)
    cached = sorted((tmp_path / "ml-job-market-skills").iterdir())
    assert len(cached) == 2  # the presence database and the spans database
    assert Matcher(load_taxonomy(MINI)).skills_in(text) == fresh == ["python", "r"]
    for path in cached:
        path.write_bytes(b"not a database")
    assert Matcher(load_taxonomy(MINI)).skills_in(text) == fresh
    assert all(path.read_bytes() != b"not a database" for path in cached)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the first mention does not count, a later one does
        ("NoSQL first, then SQL", ["sql"]),
        ("R&D budget; skills: R", ["r"]),
        ("mysqladmin, then MySQL", ["sql"]),
        ("CEO and C", ["c"]),
        # an exclusion covers only the mention it matches
        ("R&D", []),
        ("no-sql", []),
        # a pattern after a non-word character, at the start, glued, or inside a word
        ("(python3)", ["python"]),
        ("python2 first", ["python"]),
        ("jobsPython", []),
        ("cpython", []),
    ],
)
def test_later_mentions_exclusions_and_patterns(
    matcher: Matcher, text: str, expected: list[str]
) -> None:
    assert matcher.skills_in(text) == expected
    assert sorted({h.skill_id for h in matcher.hits(text)}) == expected


def test_hits_offsets_survive_collapsed_whitespace(matcher: Matcher) -> None:
    text = "Tools:\n\n\t  AWS   and\r\n  amazon  \t web\tservices,  SQL"
    found = [(h.skill_id, text[h.start : h.end]) for h in matcher.hits(text)]
    assert found == [("aws", "AWS"), ("aws", "amazon  \t web\tservices"), ("sql", "SQL")]


@pytest.mark.parametrize("text", ["SQL, then amazon  web services", "SQL; amazon web\t services"])
def test_a_run_of_whitespace_after_a_first_hit_is_collapsed_too(
    matcher: Matcher, text: str
) -> None:
    assert matcher.skills_in(text) == ["aws", "sql"]
    assert matcher.skills_in(text.encode()) == ["aws", "sql"]


def test_a_line_break_ends_a_name(matcher: Matcher) -> None:
    """Lines are often separate list items: "Amazon web" and "Services team" are not AWS."""
    assert matcher.skills_in("Amazon web\nServices team") == []
    assert matcher.skills_in("Amazon web \r\n services") == []
    assert matcher.skills_in("Amazon web services") == ["aws"]
