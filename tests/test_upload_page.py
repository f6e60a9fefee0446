"""The Upload data and Data sources pages through AppTest: load, map, reject, delete."""

from __future__ import annotations

from pathlib import Path

from conftest import HAND_COUNTED, HAND_SKILLS, table


def open_page(app, database: Path, page: str):
    at = app(database)
    at.switch_page(page)
    return at.run()


def test_upload_loads_a_file_with_its_mapping_and_reports_rejects(app, tmp_path: Path) -> None:
    database = tmp_path / "jobs.duckdb"
    at = open_page(app, database, "pages/upload_data.py")
    assert not at.exception
    at.file_uploader[0].set_value(("hand_counted.csv", HAND_COUNTED.read_bytes(), "text/csv")).run()
    assert not at.exception
    assert at.selectbox(key=next(k for k in _keys(at) if k.endswith("-title"))).value == "Position"
    at.text_input(key=next(k for k in _keys(at) if k.endswith("-name"))).set_value("hand").run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert any("loaded 7" in s.value for s in at.success)
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Read"], metrics["Loaded"], metrics["Duplicates"], metrics["Rejected"]) == (
        "9", "7", "1", "1",
    )  # fmt: skip
    assert at.get("download_button"), "rejected rows download"
    found = table(database, "SELECT count(DISTINCT posting_id) FROM posting_skills")
    assert found == [(sum(1 for s in HAND_SKILLS.values() if s),)]

    # Loading the same file again adds nothing and says so.
    at.button[0].click().run()
    assert any("already loaded" in i.value for i in at.info)
    assert table(database, "SELECT count(*) FROM postings") == [(7,)]


def test_upload_with_an_overridden_mapping_and_a_bad_file(app, tmp_path: Path) -> None:
    database = tmp_path / "jobs.duckdb"
    at = open_page(app, database, "pages/upload_data.py")
    export = b"Gig,Blurb\nQuant Researcher,Python and C++\n"
    at.file_uploader[0].set_value(
        [("ats.csv", export, "text/csv"), ("broken.json", b"[1, 2, 3]", "application/json")]
    ).run()
    assert any("broken.json" in e.value and "array of objects" in e.value for e in at.error)
    title_key = next(k for k in _keys(at) if k.endswith("-title"))
    at.selectbox(key=title_key).set_value("Gig")
    at.selectbox(key=title_key.replace("-title", "-description")).set_value("Blurb")
    at.run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert table(database, "SELECT title FROM postings") == [("Quant Researcher",)]
    skills = table(database, "SELECT skill_id FROM posting_skills ORDER BY 1")
    assert skills == [("cpp",), ("python",)]


def test_data_sources_lists_and_deletes_a_dataset(app, hand_db: Path) -> None:
    at = open_page(app, hand_db, "pages/data_sources.py")
    assert not at.exception
    assert at.dataframe[0].value["rows_loaded"].tolist() == [7]
    assert at.button[0].disabled
    at.checkbox[0].check().run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert any("7 listings removed" in s.value for s in at.success)
    assert table(hand_db, "SELECT count(*) FROM postings") == [(0,)]
    assert table(hand_db, "SELECT count(*) FROM datasets") == [(0,)]


def _keys(at) -> list[str]:
    return [w.key for w in at.selectbox] + [w.key for w in at.text_input]


def test_upload_applies_and_keeps_a_custom_skills_file(app, tmp_path: Path) -> None:
    database = tmp_path / "jobs.duckdb"
    at = open_page(app, database, "pages/upload_data.py")
    skills = (
        b'[[skills]]\nid = "sales"\nname = "Sales"\n'
        b'category = "Collaboration & communication"\naliases = ["sales"]\n'
    )
    at.file_uploader[1].set_value(("mine.toml", skills, "application/toml"))
    at.file_uploader[0].set_value(("hand_counted.csv", HAND_COUNTED.read_bytes(), "text/csv")).run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    # Row A-5 says "excel at sales", which only the uploaded skill counts.
    assert table(database, "SELECT posting_id FROM posting_skills WHERE skill_id = 'sales'") == [
        ("hand_counted:A-5",)
    ]
    assert table(database, "SELECT file_name FROM user_taxonomy") == [("mine.toml",)]
