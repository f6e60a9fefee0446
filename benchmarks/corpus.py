"""A synthetic corpus of any size made only of real listing material, for `make bench`.

Sentences of real descriptions are shuffled and recombined, and titles, companies, places and
salary strings are drawn from the real columns, so the matcher and the loader see the text,
the quirks and the lengths they meet in production, at 10k, 100k or 1M listings.
"""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
SAMPLE_DATA = REPO / "data" / "sample"
COLUMNS = ("job_id", "job_title", "company", "location", "salary", "posted_date", "description")
FIRST_MONTH, LAST_MONTH = (2011, 1), (2025, 10)
_CHUNK = 5_000
# A sentence ends at a line break, or at ". ", "! ", "? " before a capital letter.
_SENTENCE_END = re.compile(r"\n+|(?<=[.!?])\s+(?=[A-Z•\-*])")


@dataclass(frozen=True)
class Material:
    """The real values the corpus is resampled from."""

    sentences: tuple[str, ...]
    lengths: np.ndarray  # character counts of the real descriptions
    titles: tuple[str, ...]
    companies: tuple[str, ...]
    locations: tuple[str, ...]
    salaries: tuple[str, ...]


def data_folder() -> Path:
    """../shared/data beside the repository, else the shipped sample."""
    return SHARED_DATA if SHARED_DATA.is_dir() else SAMPLE_DATA


def _find(folder: Path, name: str) -> Path:
    found = sorted(folder.rglob(name))
    if not found:
        raise FileNotFoundError(f"{folder}: no {name}; the corpus is built from it")
    return found[0]


def _texts(values: pd.Series) -> list[str]:
    return [v.strip() for v in values.dropna().astype(str) if v.strip() and v.strip() != "-1"]


@cache
def load_material(folder: Path | None = None) -> Material:
    folder = folder or data_folder()
    glassdoor = pd.read_csv(_find(folder, "glassdoor_jobs.csv"), dtype=str)
    jsearch = pd.read_csv(_find(folder, "data_scientist_us_2025.csv"), dtype=str)
    hn = pd.read_csv(_find(folder, "hn_whoishiring.csv"), dtype=str)
    descriptions = _texts(glassdoor["Job Description"]) + _texts(jsearch["job_description"])
    sentences = {
        part.strip()
        for text in descriptions
        for part in _SENTENCE_END.split(text)
        if len(part.strip()) >= 3
    }
    return Material(
        sentences=tuple(sorted(sentences)),  # sorted: the same seed gives the same corpus
        lengths=np.array([len(text) for text in descriptions]),
        titles=tuple(
            _texts(glassdoor["Job Title"]) + _texts(jsearch["job_title"]) + _texts(hn["job_title"])
        ),
        companies=tuple(_texts(glassdoor["Company Name"]) + _texts(hn["company"])),
        locations=tuple(_texts(glassdoor["Location"]) + _texts(hn["city"])),
        salaries=tuple(_texts(glassdoor["Salary Estimate"]) + _texts(hn["salary"])),
    )


def _months() -> list[tuple[int, int]]:
    (year, month), months = FIRST_MONTH, []
    while (year, month) <= LAST_MONTH:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _description(rng: np.random.Generator, material: Material, target: int) -> str:
    sentences, parts, size = material.sentences, [], 0
    while size < target:
        # Draw in blocks: one generator call per block, not per sentence.
        for index in rng.integers(0, len(sentences), 32):
            sentence = sentences[index]
            parts.append(sentence)
            size += len(sentence) + 1
            if size >= target:
                break
    return "\n".join(parts)


def _chunk(rng: np.random.Generator, material: Material, first: int, rows: int) -> pd.DataFrame:
    months = _months()

    def pick(values: tuple[str, ...]) -> list[str]:
        return [values[i] for i in rng.integers(0, len(values), rows)]

    targets = rng.choice(material.lengths, rows)
    month_index = rng.integers(0, len(months), rows)
    days = rng.integers(1, 29, rows)
    return pd.DataFrame(
        {
            "job_id": [f"bench-{first + i:08d}" for i in range(rows)],
            "job_title": pick(material.titles),
            "company": pick(material.companies),
            "location": pick(material.locations),
            # About a third of real listings state a salary.
            "salary": [
                s if keep else ""
                for s, keep in zip(pick(material.salaries), rng.random(rows) < 0.35)
            ],
            "posted_date": [
                datetime.date(*months[m], int(d)).isoformat() for m, d in zip(month_index, days)
            ],
            "description": [_description(rng, material, int(t)) for t in targets],
        },
        columns=list(COLUMNS),
    )


def make_corpus(rows: int, folder: Path, seed: int = 7) -> Path:
    """Write `rows` listings to folder/corpus_<rows>_<seed>.csv, chunk by chunk; returns its path.

    The same rows and seed always give the same file.
    """
    material = load_material()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"corpus_{rows}_{seed}.csv"
    partial = path.with_suffix(".csv.partial")
    rng = np.random.default_rng(seed)
    with partial.open("w", encoding="utf-8", newline="") as stream:
        for first in range(0, rows, _CHUNK):
            chunk = _chunk(rng, material, first, min(_CHUNK, rows - first))
            chunk.to_csv(stream, index=False, header=first == 0, quoting=csv.QUOTE_MINIMAL)
    partial.replace(path)
    return path


def to_parquet(csv_path: Path) -> Path:
    """The same corpus as Parquet beside the CSV, converted in chunks."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = Path(csv_path).with_suffix(".parquet")
    writer = None
    try:
        for chunk in pd.read_csv(csv_path, dtype=str, keep_default_na=False, chunksize=_CHUNK):
            table = pa.Table.from_pandas(chunk, preserve_index=False)
            writer = writer or pq.ParquetWriter(target, table.schema)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    return target
