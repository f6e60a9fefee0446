"""File formats in, one table of text columns out: CSV/TSV, JSON, JSON Lines, Parquet, Excel, gzip.

Every reader returns the rows as strings exactly as the file had them; meaning is given later
by the column mapping and the normalisers.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import tempfile
import zlib
from pathlib import Path

import duckdb
import pandas as pd


class InputError(ValueError):
    """Bad input the user can fix; the message names the file and says what to do."""


TEXT_FORMATS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".json": "json", ".jsonl": "jsonl"}
BINARY_FORMATS = {".parquet": "parquet", ".xlsx": "xlsx"}
# JSON exports often wrap the list of listings in an object under one of these keys.
_JSON_LIST_KEYS = ("data", "jobs", "results", "items", "listings", "postings", "hits")


def detect_format(path: Path) -> tuple[str, bool]:
    """(format, gzipped) from the file name, e.g. jobs.csv.gz -> ("csv", True)."""
    suffixes = [s.lower() for s in path.suffixes]
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    if gzipped:
        suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else ""
    kind = TEXT_FORMATS.get(suffix) or (None if gzipped else BINARY_FORMATS.get(suffix))
    if kind is None:
        raise InputError(
            f"{path.name}: unsupported file type {''.join(path.suffixes) or '(none)'}; "
            "use CSV, TSV, JSON, JSON Lines, Parquet or XLSX (text formats may be .gz)"
        )
    return kind, gzipped


def read_table(path: str | Path) -> pd.DataFrame:
    """All rows of the file as text columns; row i of the frame is record i + 1 of the file."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    kind, gzipped = detect_format(path)
    try:
        if kind in ("parquet", "xlsx"):
            frame = _read_parquet(path) if kind == "parquet" else _read_excel(path)
        else:
            text = _decode(_read_bytes(path, gzipped), path)
            frame = {"csv": _read_csv, "json": _read_json, "jsonl": _read_jsonl}[kind](text, path)
    except InputError:
        raise
    except (duckdb.Error, ValueError, OSError, zlib.error, EOFError) as error:
        raise InputError(f"{path.name}: cannot be read as {kind.upper()} ({error})") from error
    return _as_text(frame)


def _read_bytes(path: Path, gzipped: bool) -> bytes:
    if not gzipped:
        return path.read_bytes()
    with gzip.open(path, "rb") as stream:
        return stream.read()


def _decode(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252/Latin-1."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path.name}: text encoding not recognised (byte {error.start}); "
            "save the file as UTF-8 and load it again"
        ) from error


def _read_csv(text: str, path: Path) -> pd.DataFrame:
    if not text.strip():
        raise InputError(f"{path.name}: the file is empty")
    # DuckDB sniffs delimiter, quoting and escapes far more reliably than csv.Sniffer.
    with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8") as copy:
        copy.write(text)
        copy.flush()
        relation = duckdb.read_csv(copy.name, all_varchar=True, header=True)
        return relation.df()


def _read_json(text: str, path: Path) -> pd.DataFrame:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path.name}: not valid JSON at line {error.lineno}, column {error.colno} "
            f"({error.msg}); if it has one object per line, name it .jsonl"
        ) from error
    if isinstance(document, dict):
        lists = [document[k] for k in _JSON_LIST_KEYS if isinstance(document.get(k), list)]
        document = lists[0] if lists else document
    if not isinstance(document, list) or not all(isinstance(item, dict) for item in document):
        raise InputError(f"{path.name}: expected a JSON array of objects (one object per listing)")
    return _records(document)


def _read_jsonl(text: str, path: Path) -> pd.DataFrame:
    records = []
    for number, line in enumerate(io.StringIO(text), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(
                f"{path.name}: line {number} is not valid JSON ({error.msg}); "
                "fix or remove that line"
            ) from error
        if not isinstance(record, dict):
            raise InputError(f"{path.name}: line {number} is not a JSON object")
        records.append(record)
    return _records(records)


def _records(records: list[dict]) -> pd.DataFrame:
    """Nested objects become dotted columns: {"location": {"name": ..}} -> "location.name"."""
    return pd.json_normalize(records) if records else pd.DataFrame()


def _read_parquet(path: Path) -> pd.DataFrame:
    return duckdb.read_parquet(str(path)).df()


def _read_excel(path: Path) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name=0, dtype=object)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as strings (missing stays missing); nested values as JSON."""
    frame.columns = [str(column) for column in frame.columns]
    frame = frame.reset_index(drop=True)
    return frame.apply(lambda column: column.map(_to_text)).astype("str")


def _to_text(value: object) -> str | None:
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()  # numpy scalars and arrays from Parquet
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if value is None or pd.isna(value):
        return None
    return str(value)
