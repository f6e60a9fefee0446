"""File formats in, tables of text columns out: CSV/TSV, JSON, JSON Lines, Parquet, Excel, gzip.

Every reader gives the rows as strings as the file had them, plus the rows it could not read
(with the reason); meaning is given later by the column mapping and the normalisers. Files come
from strangers, so every read is bounded in size and memory and every failure is an InputError.
CSV, JSON Lines and Parquet are read a batch of rows at a time, so a load never holds a whole file.
"""

from __future__ import annotations

import codecs
import csv
import functools
import gzip
import io
import itertools
import json
import os
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import duckdb
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from openpyxl.utils.exceptions import InvalidFileException


class InputError(ValueError):
    """Bad input the user can fix; the message names the file and says what to do."""


# Uploads bigger than this are refused before a byte is read: 100k listings with full texts
# (SPEC's benchmark size) are about 400 MB, and the database grows by about as much.
# The environment variable JOBS_MAX_FILE_MB (whole MiB) changes it; other values are ignored.
_MAX_MB = os.environ.get("JOBS_MAX_FILE_MB", "").strip()
MAX_FILE_BYTES = (int(_MAX_MB) if _MAX_MB.isdigit() and int(_MAX_MB) > 0 else 1024) << 20
# A .gz may hold no more text than we would take uncompressed. A gzip bomb (2 GB of zeros packs
# into 2 MB) is refused as soon as it passes this, having been read one block at a time.
MAX_DECOMPRESSED_BYTES = MAX_FILE_BYTES
# Real listings are under 100 KB of text; a field (or a line) 20 times longer is a lost quote or
# an attack. Such a row is rejected, which also bounds the memory one row takes while parsed.
MAX_FIELD_CHARS = 2_000_000
# JSON arrays, Excel sheets and Parquet files are read whole, and tiny values take far more
# memory as Python objects than as bytes in a file (a 1 GB file of "a,b" rows would need some
# 50 GB), so such a file may hold this many values (rows x columns): a million listings of 20
# columns, more than the dashboard is built for (SPEC section 9).
MAX_CELLS = 20_000_000
# A batch holds this many rows, and fewer when the file has so many columns that it would hold
# more than BATCH_CELLS values; a load holds a few batches at a time.
BATCH_ROWS = 2_000
BATCH_CELLS = 1_000_000
# Stored titles and descriptions are cut here, so one listing cannot bloat the database; the
# longest real description in the shipped sample is under 20,000 characters.
MAX_DESCRIPTION_CHARS = 100_000
# Enough of a file to tell text from binary and UTF-16 from UTF-8.
_SNIFF_BYTES = 64 << 10
_BLOCK = 1 << 20
_RAW_CHARS = 1000  # of a rejected line kept for the user to find it

TEXT_FORMATS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".json": "json", ".jsonl": "jsonl"}
BINARY_FORMATS = {".parquet": "parquet", ".xlsx": "xlsx"}
SUPPORTED = "CSV, TSV, TXT, JSON, JSON Lines (.jsonl), Parquet or XLSX (text formats may be .gz)"
# JSON exports often wrap the list of listings in an object under one of these keys.
_JSON_LIST_KEYS = ("data", "jobs", "results", "items", "listings", "postings", "hits")
_DELIMITERS = ",\t;|"
# File signatures of things people upload by mistake, and what to tell them.
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (an Excel or Word file?)",
    b"\x1f\x8b": "gzip-compressed (name it .csv.gz, .json.gz or .jsonl.gz)",
    b"PAR1": "a Parquet file (name it .parquet)",
}
# C0 control bytes that text never holds (tab, newlines, form feed and escape are allowed).
_CONTROL = bytes(set(range(32)) - {9, 10, 11, 12, 13, 27})
_REJECT_COLUMNS = ["row_number", "reason", "raw"]


class Table:
    """Readable rows (index = row number - 1), the rejected ones, and a note for progress.

    `share` is how much of the file had been read when the rows were: 1.0 for a whole file.
    Rows Arrow read stay Arrow's until `frame` is first asked for, so a batch handed to a
    worker process travels as Arrow buffers, which pickle at memory speed, rather than as a
    frame of some ten thousand str objects.
    """

    def __init__(
        self,
        frame: pd.DataFrame | None,
        rejected: pd.DataFrame | None = None,
        note: str = "",
        share: float = 1.0,
    ) -> None:
        self._frame = frame
        self._arrow: tuple[pa.Table, list[str], int] | None = None
        self.rejected = pd.DataFrame(columns=_REJECT_COLUMNS) if rejected is None else rejected
        self.note = note
        self.share = share

    @classmethod
    def of_arrow(cls, rows: pa.Table, header: list[str], first: int, share: float) -> Table:
        """`rows` read by Arrow under field names f0, f1...; `first` is the first one's index."""
        table = cls(None, share=share)
        table._arrow = (rows, header, first)
        return table

    @property
    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            self._frame = _frame(*self._arrow)
        return self._frame

    @property
    def readable_rows(self) -> int:
        return len(self._frame) if self._arrow is None else self._arrow[0].num_rows

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        if self._arrow is not None:
            state["_frame"] = None  # built again where it is used
        return state


@dataclass
class Batches:
    """A file being read: its columns, and its rows as Tables of a batch each, in file order.

    Values are str or None. Iterating reads the file; an InputError may come from any batch.
    """

    columns: list[str]
    batches: Iterator[Table]
    note: str = ""


def detect_format(path: Path) -> tuple[str, bool]:
    """(format, gzipped) from the file name, e.g. jobs.csv.gz -> ("csv", True)."""
    suffixes = [s.lower() for s in path.suffixes]
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    if gzipped:
        suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else ""
    kind = TEXT_FORMATS.get(suffix) or (None if gzipped else BINARY_FORMATS.get(suffix))
    if kind is None:
        shown = (suffix + ".gz" if gzipped else suffix) or "(no extension)"
        raise InputError(f"{path.name}: unsupported file type {shown}; use {SUPPORTED}")
    return kind, gzipped


def check_file(path: Path) -> tuple[str, bool]:
    """(format, gzipped) of a file worth reading; refuses missing, empty and oversized files."""
    if not path.exists():
        raise InputError(f"{path}: file not found")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file; give the path of a listings file")
    kind, gzipped = detect_format(path)
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path.name}: the file is empty (0 bytes); export the listings again")
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"{path.name}: {size / 2**20:,.0f} MB is over the upload limit of "
            f"{MAX_FILE_BYTES / 2**20:,.0f} MB; split the file, or raise JOBS_MAX_FILE_MB"
        )
    return kind, gzipped


def read_table(path: str | Path, *, sheet: str | None = None) -> pd.DataFrame:
    """The readable rows of the file as text columns (rejected rows left out)."""
    return read_rows(path, sheet=sheet).frame


def read_rows(
    path: str | Path, *, sheet: str | None = None, overrides: dict[str, str] | None = None
) -> Table:
    """All rows of the file at once; row i of the frame is data row i + 1 (header not counted)."""
    found = read_batches(path, sheet=sheet, overrides=overrides)
    batches = list(found.batches)
    frames = [batch.frame for batch in batches]
    rejected = [batch.rejected for batch in batches if not batch.rejected.empty]
    return Table(
        (pd.concat(frames) if frames else pd.DataFrame(columns=found.columns)).astype("str"),
        pd.concat(rejected, ignore_index=True) if rejected else _rejected_table([]),
        found.note,
    )


def read_batches(
    path: str | Path, *, sheet: str | None = None, overrides: dict[str, str] | None = None
) -> Batches:
    """The file's columns, then its rows a batch at a time (see Batches).

    `sheet` picks an Excel sheet; without it the first sheet with a title or description
    column (by header synonyms or `overrides`) is read.
    """
    path = Path(path)
    kind, gzipped = check_file(path)
    if sheet is not None and kind != "xlsx":
        raise InputError(f"{path.name}: --sheet applies only to Excel workbooks (.xlsx)")
    with _plain_errors(path, kind):
        if kind == "parquet":
            found = _read_parquet(path)
        elif kind == "xlsx":
            found = _read_excel(path, sheet, overrides)
        else:
            encoding = _encoding(path, gzipped)
            read = {"csv": _read_csv, "json": _read_json, "jsonl": _read_jsonl}[kind]
            found = read(path, gzipped, encoding)
    return Batches(found.columns, _plain_errors_in(path, kind, found.batches), found.note)


@contextmanager
def _plain_errors(path: Path, kind: str) -> Iterator[None]:
    """Failures of the libraries that read a file, said as InputErrors."""
    try:
        yield
    except InputError:
        raise
    except gzip.BadGzipFile as error:
        raise InputError(
            f"{path.name}: not gzip-compressed, though its name ends in .gz; "
            "remove the .gz from the name, or compress it with gzip"
        ) from error
    except (EOFError, zlib.error) as error:
        raise InputError(
            f"{path.name}: not a complete gzip file ({error}); it may have been cut off while "
            "downloading: download or compress it again"
        ) from error
    except (
        duckdb.Error,
        ValueError,
        OSError,
        KeyError,
        RecursionError,
        zipfile.BadZipFile,
    ) as error:
        raise InputError(
            f"{path.name}: cannot be read as {kind.upper()} ({error}); "
            f"check the file opens in the program that made it, and save it again as {kind.upper()}"
        ) from error
    except InvalidFileException as error:
        raise InputError(f"{path.name}: not an Excel workbook ({error})") from error


def _plain_errors_in(path: Path, kind: str, batches: Iterator[Table]) -> Iterator[Table]:
    with _plain_errors(path, kind):
        yield from batches


def _batch_rows(columns: int) -> int:
    return max(1, min(BATCH_ROWS, BATCH_CELLS // max(columns, 1)))


def _in_batches(frame: pd.DataFrame, note: str = "") -> Batches:
    """Rows read whole, handed on in batches like the others."""
    size = _batch_rows(len(frame.columns))
    batches = (
        Table(frame.iloc[start : start + size], share=min(start + size, len(frame)) / len(frame))
        for start in range(0, len(frame), size)
    )
    return Batches(list(frame.columns), batches, note)


# --- text: opening, decoding, lines ------------------------------------------------------------


class _Capped(io.RawIOBase):
    """A byte stream that refuses to yield more than MAX_DECOMPRESSED_BYTES."""

    def __init__(self, stream: BinaryIO, name: str, size: int) -> None:
        self._stream, self._name, self._size, self._total = stream, name, size, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self._stream.readinto(buffer)
        self._total += count
        if self._total > MAX_DECOMPRESSED_BYTES:
            raise _too_big(self._name)
        return count

    def share(self) -> float:
        """How much of the file on disk has been read (of a .gz, of the packed bytes)."""
        on_disk = getattr(self._stream, "fileobj", None) or self._stream
        return min(1.0, on_disk.tell() / max(self._size, 1))

    def close(self) -> None:
        self._stream.close()
        super().close()


def _too_big(name: str) -> InputError:
    return InputError(
        f"{name}: unpacks to more than {MAX_DECOMPRESSED_BYTES / 2**20:,.0f} MB, the limit for "
        "one file; split it into smaller files"
    )


def _open(path: Path, gzipped: bool) -> io.BufferedReader:
    # The caller closes the returned reader, which closes the file.
    stream = gzip.open(path, "rb") if gzipped else path.open("rb")  # noqa: SIM115
    return io.BufferedReader(_Capped(stream, path.name, path.stat().st_size), buffer_size=_BLOCK)


def _encoding(path: Path, gzipped: bool) -> str:
    """The text encoding: a UTF-16 codec, else utf-8 (with cp1252 fallback); refuses binary."""
    with _open(path, gzipped) as stream:
        head = stream.read(_SNIFF_BYTES)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise InputError(f"{path.name}: this is {what}, not a text file; {_EXPORT_AGAIN}")
    if b"\x00" in head:
        # UTF-16 without a byte order mark: the high byte of every ASCII character is zero.
        pairs = len(head) // 2
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > pairs * 0.3 and even < pairs * 0.01:
            return "utf-16-le"
        if even > pairs * 0.3 and odd < pairs * 0.01:
            return "utf-16-be"
        line = head[: head.index(0)].count(b"\n") + 1
        raise InputError(
            f"{path.name}: line {line} holds NUL bytes: this is binary data, not a text file; "
            + _EXPORT_AGAIN
        )
    if sum(map(head.count, _CONTROL)) * 50 > len(head):
        raise InputError(f"{path.name}: this is binary data, not a text file; {_EXPORT_AGAIN}")
    return "utf-8"


_EXPORT_AGAIN = "export the listings as CSV, JSON or JSON Lines (UTF-8) and load that"


def _cp1252_instead(error: UnicodeDecodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8 read as cp1252 (Latin-1 for the five bytes it leaves undefined).

    Only the bad bytes fall back, so a file that tools with different encodings appended to
    reads right in both parts, and decoding never fails.
    """
    bad = error.object[error.start : error.end]
    try:
        return bad.decode("cp1252"), error.end
    except UnicodeDecodeError:
        return bad.decode("latin-1"), error.end


codecs.register_error("jobs-cp1252-instead", _cp1252_instead)


@dataclass
class _Share:
    """How much of the file a reader has read, for the share of its batches."""

    value: float = 0.0


def _text(path: Path, gzipped: bool, encoding: str, share: _Share | None = None) -> Iterator[str]:
    """The file decoded, a block at a time (the one place files are decoded)."""
    if encoding == "utf-8":
        decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="jobs-cp1252-instead")
    else:
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    with _open(path, gzipped) as stream:
        while block := stream.read(_BLOCK):
            if share is not None:
                share.value = stream.raw.share()
            yield decoder.decode(block)
    yield decoder.decode(b"", final=True)


def _line_blocks(
    path: Path, gzipped: bool, encoding: str, share: _Share | None = None
) -> Iterator[list[str] | None]:
    """The file's lines, endings kept, as lists of consecutive lines; None stands for one line
    over MAX_FIELD_CHARS, which is skipped without being held."""
    rest, skipping, end = "", False, ""
    for block in _text(path, gzipped, encoding, share):
        # Lines end in \n (or \r\n), or in \r alone in old Mac exports.
        end = end or ("\r" if "\r" in block and "\n" not in block else "\n" if block else "")
        lines = (rest + block).split(end or "\n")
        tail = lines.pop()
        if skipping and lines:
            yield None  # the end of the overlong line that the last block began
            lines, skipping = lines[1:], False
        yield from _runs(lines, end)
        rest = tail if not skipping else ""
        if len(rest) > MAX_FIELD_CHARS:  # never hold more than one overlong line's worth
            rest, skipping = "", True
    if skipping:
        yield None
    elif rest:
        yield [rest]


def _runs(lines: list[str], end: str) -> Iterator[list[str] | None]:
    """The lines with their ending put back, a None in place of each overlong one."""
    if max(map(len, lines), default=0) <= MAX_FIELD_CHARS:
        if lines:
            yield [line + end for line in lines]
        return
    run: list[str] = []
    for line in lines:
        if len(line) <= MAX_FIELD_CHARS:
            run.append(line + end)
            continue
        if run:
            yield run
            run = []
        yield None
    if run:
        yield run


def _lines(
    path: Path, gzipped: bool, encoding: str, share: _Share | None = None
) -> Iterator[str | None]:
    """The file's lines one by one, endings kept; None for a line over MAX_FIELD_CHARS."""
    for lines in _line_blocks(path, gzipped, encoding, share):
        if lines is None:
            yield None
        else:
            yield from lines


# --- CSV ---------------------------------------------------------------------------------------


class _LineTooLong(Exception):
    pass


class _Lines:
    """The file's lines by number, kept from the start of the record being read.

    csv.reader takes them a block at a time, and the lines of a rejected record can be read
    again as rows of their own (an unclosed quote swallows the rows after it).
    """

    def __init__(self, blocks: Iterator[list[str] | None]) -> None:
        self._blocks = blocks
        self._kept: deque[tuple[int, list[str] | None]] = deque()  # (first line's number, lines)
        self._end = 1  # the number of the first line not read from the file yet
        self.long_line: int | None = None  # where the last feed stopped at an overlong line

    def feed(self, number: int) -> Iterator[str]:
        """Lines from line `number` on, to the end or to the first overlong line."""
        self.long_line = None
        return itertools.chain.from_iterable(self._runs_from(number))

    def _runs_from(self, number: int) -> Iterator[Iterator[str]]:
        while (found := self._block(number)) is not None:
            first, lines = found
            if lines is None:
                self.long_line = number
                return
            yield map(lines.__getitem__, range(number - first, len(lines)))  # no copy
            number = first + len(lines)

    def first(self) -> str | None:
        """The first line that is not blank ("" if none; None if it is overlong)."""
        number = 1
        while (found := self._block(number)) is not None:
            first, lines = found
            if lines is None:
                return None
            for text in lines[number - first :]:
                if text.strip():
                    return text
            number = first + len(lines)
        return ""

    def text(self, number: int) -> str:
        """Line `number` ("" if it is overlong), which must still be kept."""
        first, lines = self._block(number)
        return "" if lines is None else lines[number - first]

    def forget(self, number: int) -> None:
        """Let go of the lines before line `number`."""
        while self._kept and self._kept[0][0] + _count(self._kept[0][1]) <= number:
            self._kept.popleft()

    def _block(self, number: int) -> tuple[int, list[str] | None] | None:
        """The lines that hold line `number`, read from the file if need be; None past the end."""
        for first, lines in self._kept:
            if number < first + _count(lines):
                return first, lines
        while number >= self._end:
            lines = next(self._blocks, False)
            if lines is False:
                return None
            self._kept.append((self._end, lines))
            self._end += _count(lines)
        return self._kept[-1]


def _count(lines: list[str] | None) -> int:
    return 1 if lines is None else len(lines)


class _Records:
    """csv.reader over _Lines that knows the line each record starts on, and can go back."""

    def __init__(self, lines: _Lines, delimiter: str) -> None:
        self._lines, self._delimiter = lines, delimiter
        self.start = 1  # the line the last record started on
        self._restart(1)

    def next(self) -> list[str]:
        """The next record's fields; raises StopIteration, _LineTooLong or csv.Error."""
        self.start = self._base + self._reader.line_num
        self._lines.forget(self.start)
        fields = next(self._reader, None)
        if self._lines.long_line is not None:
            self._restart(self._lines.long_line + 1)
            raise _LineTooLong
        if fields is None:
            raise StopIteration
        return fields

    def raw(self) -> str:
        """The first line of the last record."""
        return self._lines.text(self.start)

    def again(self) -> None:
        """Read the lines of the last record after its first as records of their own."""
        self._restart(self.start + 1)

    def _restart(self, number: int) -> None:
        self._base = number
        self._reader = csv.reader(self._lines.feed(number), delimiter=self._delimiter)


def _problem(error: Exception) -> tuple[str, bool]:
    """What is wrong with a record that raised `error`, and whether to read its lines again."""
    if isinstance(error, _LineTooLong):
        return f"is longer than {MAX_FIELD_CHARS:,} characters", False
    if "field limit" in str(error):
        return f"has a field longer than {MAX_FIELD_CHARS:,} characters", False
    # An unclosed quote swallows the lines after it: read them as rows of their own.
    return f"cannot be read ({error})", True


def _read_csv(path: Path, gzipped: bool, encoding: str) -> Batches:
    """Rows with as many fields as the header; the others are rejected with where and why."""
    csv.field_size_limit(MAX_FIELD_CHARS)
    share = _Share()
    lines = _Lines(_line_blocks(path, gzipped, encoding, share))
    first = lines.first()
    if first is not None and not first.strip():
        raise InputError(f"{path.name}: the file is empty (only blank lines); nothing to load")
    if ".tsv" in [suffix.lower() for suffix in path.suffixes]:
        delimiter = "\t"
    else:
        delimiter = _delimiter(first or "")
    records = _Records(lines, delimiter)
    header = _csv_header(path, records)

    def careful(skip: int) -> Iterator[Table]:
        return _csv_batches(path, records, header, delimiter, share, skip=skip)

    # One-column files are left to the careful reader, which skips lines of only spaces.
    simple = len(header) > 1 and not gzipped and encoding == "utf-8"
    start = _data_start(path, records, header, delimiter) if simple else None
    if start is None:
        return Batches(header, careful(0))
    return Batches(header, _arrow_csv_batches(path, start, header, delimiter, careful))


def _csv_header(path: Path, records: _Records) -> list[str]:
    while True:
        try:
            fields = records.next()
        except StopIteration:
            raise InputError(
                f"{path.name}: the file is empty (only blank lines); nothing to load"
            ) from None
        except (_LineTooLong, csv.Error) as error:
            what, _ = _problem(error)
            raise InputError(
                f"{path.name}: the header (line {records.start}) {what}; {_EXPORT_AGAIN}"
            ) from None
        if not _blank(fields):
            return _unique_names(fields)


def _blank(fields: list[str]) -> bool:
    return len(fields) <= 1 and not "".join(fields).strip()


def _csv_batches(
    path: Path, records: _Records, header: list[str], delimiter: str, share: _Share, skip: int
) -> Iterator[Table]:
    """The rows after the header, less the first `skip` (read already by the Arrow reader)."""
    size = _batch_rows(len(header))
    rows, index, rejected = [], [], []
    count = readable = 0  # rows read so far, and how many of them could be
    first_rejected = ""

    def reject(what: str) -> None:
        nonlocal first_rejected
        number = count + 1
        reason = f"row {number} (line {records.start}) {what}"
        rejected.append((number, reason, records.raw()[:_RAW_CHARS]))
        first_rejected = first_rejected or reason

    while True:
        try:
            fields = records.next()
        except StopIteration:
            break
        except (_LineTooLong, csv.Error) as error:
            what, again = _problem(error)
            reject(what)
            if again:
                records.again()
            count += 1
        else:
            if _blank(fields):
                continue
            if len(fields) > len(header) and not "".join(fields[len(header) :]).strip():
                fields = fields[: len(header)]  # a trailing delimiter adds only empty fields
            if len(fields) != len(header):
                fields_count = f"{len(fields)} field{'s' * (len(fields) != 1)}"
                reject(f"has {fields_count}, the header has {len(header)}")
                records.again()
            elif skip:
                skip -= 1
                readable += 1
            else:
                index.append(count)
                rows.append([value or None for value in fields])
                readable += 1
            count += 1
        if len(rows) + len(rejected) >= size:
            yield _csv_table(rows, header, index, rejected, share.value)
            rows, index, rejected = [], [], []
    if count and not readable:
        raise InputError(
            f"{path.name}: none of its {count} rows could be read (first: {first_rejected}); "
            f"check that it is {_DELIMITER_NAMES[delimiter]}-separated and every row has as "
            "many fields as the header"
        )
    if rows or rejected:
        yield _csv_table(rows, header, index, rejected, 1.0)


def _csv_table(
    rows: list[list], header: list[str], index: list[int], rejected: list, share: float
) -> Table:
    frame = pd.DataFrame(rows, columns=header, index=index, dtype=object)
    return Table(frame, _rejected_table(rejected), share=share)


# Arrow's reader parses a CSV file many times faster than the csv module. It takes a file only
# while every row it meets has as many fields as the header and is valid UTF-8; at the first
# row it will not take, the careful reader above reads the rest and says what is wrong where.
_ARROW_BLOCK = 1 << 20


def _data_start(path: Path, records: _Records, header: list[str], delimiter: str) -> int | None:
    """The byte offset of the line after a one-line header, if lines end in \\n."""
    header_line = records.raw()
    fields = next(csv.reader([header_line], delimiter=delimiter), [])
    if _unique_names(fields) != header:
        return None  # a header over several lines: rare, left to the careful reader
    with path.open("rb") as stream:
        head = stream.read(_BLOCK)
    offset = 0
    for _ in range(records.start):
        end = head.find(b"\n", offset)
        if end < 0:
            return None
        offset = end + 1
    return offset


def _arrow_csv_batches(
    path: Path,
    start: int,
    header: list[str],
    delimiter: str,
    careful: Callable[[int], Iterator[Table]],
) -> Iterator[Table]:
    """Rows read by Arrow from byte `start` on; from the first row it refuses, the careful
    reader's (which reads the file again, skipping the rows handed on)."""
    done = 0
    try:
        for table in _arrow_tables(path, start, header, delimiter):
            yield table
            done += table.readable_rows
        return
    except (pa.ArrowInvalid, _Refused):
        pass  # out of the except block, so Arrow's buffers are let go before reading again
    yield from careful(done)


def _arrow_tables(path: Path, start: int, header: list[str], delimiter: str) -> Iterator[Table]:
    size = _batch_rows(len(header))
    names = [f"f{position}" for position in range(len(header))]
    file_size = path.stat().st_size
    with path.open("rb", buffering=0) as stream:
        stream.seek(start)
        reader = pa_csv.open_csv(
            stream,
            # A row longer than a block is refused, so a huge cell is never held whole here.
            read_options=pa_csv.ReadOptions(
                column_names=names, block_size=_ARROW_BLOCK, use_threads=False
            ),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=True
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
        first = 0
        pending: list[pa.RecordBatch] = []
        for batch in itertools.chain(reader, [None]):
            if batch is not None:
                if _longest_row(batch) > MAX_FIELD_CHARS:
                    raise _Refused  # the careful reader rejects overlong lines
                pending.append(batch)
            rows = pa.Table.from_batches(pending, reader.schema)
            while rows.num_rows >= size or (batch is None and rows.num_rows):
                part, rows = rows.slice(0, size), rows.slice(size)
                last = batch is None and not rows.num_rows
                read = 1.0 if last else min(1.0, stream.tell() / max(file_size, 1))
                yield Table.of_arrow(part, header, first, read)
                first += part.num_rows
            pending = rows.to_batches()


class _Refused(Exception):
    """A batch the Arrow reader read but the careful reader must judge."""


def _longest_row(batch: pa.RecordBatch) -> int:
    """Characters in the longest row: no line of it is longer."""
    lengths = [pc.fill_null(pc.utf8_length(column), 0) for column in batch.columns]
    return pc.max(functools.reduce(pc.add, lengths)).as_py() or 0


def _frame(rows: pa.Table, header: list[str], first: int) -> pd.DataFrame:
    columns = {name: column.to_pylist() for name, column in zip(header, rows.columns, strict=True)}
    return pd.DataFrame(columns, index=range(first, first + rows.num_rows), dtype=object)


_DELIMITER_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}


def _delimiter(header_line: str) -> str:
    """The candidate that splits the header into the most fields (commas win ties)."""
    counts = {d: len(next(csv.reader([header_line], delimiter=d), [])) for d in _DELIMITERS}
    return max(_DELIMITERS, key=lambda d: counts[d])


# --- JSON --------------------------------------------------------------------------------------


def _read_json(path: Path, gzipped: bool, encoding: str) -> Batches:
    text = "".join(_text(path, gzipped, encoding))
    if not text.strip():
        raise InputError(f"{path.name}: the file is empty (only whitespace); nothing to load")
    # Every value after the first follows a comma or opens a container: an upper bound, known
    # before parsing takes the memory.
    _check_cells(path, text.count(",") + text.count("{") + text.count("[") + 1, 1)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path.name}: not valid JSON at line {error.lineno}, column {error.colno} "
            f"({error.msg}); if it has one object per line, name it .jsonl"
        ) from error
    except RecursionError as error:
        raise InputError(f"{path.name}: JSON nested too deeply to be listings") from error
    expected = "expected an array of objects, one per listing"
    if isinstance(document, dict):
        lists = [document[k] for k in _JSON_LIST_KEYS if isinstance(document.get(k), list)]
        if not lists:
            keys = ", ".join(list(map(str, document))[:20]) or "none"
            raise InputError(
                f"{path.name}: an object without a list of listings under any of "
                f"{', '.join(_JSON_LIST_KEYS)} (its keys: {keys}); {expected}"
            )
        document = lists[0]
    if not isinstance(document, list):
        raise InputError(f"{path.name}: the JSON is {_json_kind(document)}; {expected}")
    for number, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            raise InputError(
                f"{path.name}: item {number} of the array is {_json_kind(item)}, not an object; "
                f"{expected}"
            )
    return _in_batches(_as_text(pd.DataFrame([_flat(item) for item in document], dtype=object)))


def _json_kind(value: object) -> str:
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "true/false"}
    return "null" if value is None else kinds.get(type(value), "a number")


def _read_jsonl(path: Path, gzipped: bool, encoding: str) -> Batches:
    """One object per line; a line that is not one becomes a rejected row.

    Any line may add a column, so a first pass over the file finds the columns.
    """
    columns: dict[str, None] = {}
    objects, first_rejected = 0, None
    for item in _jsonl_items(path, gzipped, encoding):
        if isinstance(item, dict):
            objects += 1
            columns.update(dict.fromkeys(item))
        else:
            first_rejected = first_rejected or item[0]
    if not objects:
        first = f" (first: {first_rejected})" if first_rejected else ""
        raise InputError(
            f"{path.name}: no line is a JSON object{first}; JSON Lines has one object per line "
            "(a file holding one JSON array should be named .json)"
        )
    names = list(columns)
    return Batches(_unique_names(names), _jsonl_batches(path, gzipped, encoding, names))


def _jsonl_items(
    path: Path, gzipped: bool, encoding: str, share: _Share | None = None
) -> Iterator[dict | tuple[str, str]]:
    """For each line that is not blank: its object flattened, or (what is wrong, the line)."""
    number = 0
    for line, text in enumerate(_lines(path, gzipped, encoding, share), start=1):
        if text is not None and not text.strip():
            continue
        number += 1
        where = f"row {number} (line {line})"
        if text is None:
            yield f"{where} is longer than {MAX_FIELD_CHARS:,} characters", ""
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            yield f"{where} is not valid JSON ({error.msg})", text[:_RAW_CHARS]
            continue
        except RecursionError:
            yield f"{where} is JSON nested too deeply", text[:_RAW_CHARS]
            continue
        if not isinstance(record, dict):
            yield f"{where} is {_json_kind(record)}, not an object", text[:_RAW_CHARS]
            continue
        yield _flat(record)


def _jsonl_batches(path: Path, gzipped: bool, encoding: str, names: list[str]) -> Iterator[Table]:
    share = _Share()
    size = _batch_rows(len(names))
    records, index, rejected = [], [], []
    for number, item in enumerate(_jsonl_items(path, gzipped, encoding, share), start=1):
        if isinstance(item, dict):
            records.append(item)
            index.append(number - 1)
        else:
            rejected.append((number, *item))
        if len(records) + len(rejected) >= size:
            yield _jsonl_table(records, names, index, rejected, share.value)
            records, index, rejected = [], [], []
    if records or rejected:
        yield _jsonl_table(records, names, index, rejected, 1.0)


def _jsonl_table(
    records: list[dict], names: list[str], index: list[int], rejected: list, share: float
) -> Table:
    frame = pd.DataFrame(records, columns=names, index=index, dtype=object)
    return Table(_as_text(frame), _rejected_table(rejected), share=share)


def _flat(record: dict) -> dict:
    """Nested objects as dotted keys after the other values: {"location": {"name": ..}} ->
    "location.name", as pandas.json_normalize names them."""
    flat = {key: value for key, value in record.items() if not isinstance(value, dict)}
    for key, value in record.items():
        if isinstance(value, dict):
            _flatten_into(flat, key, value)
    return flat


def _flatten_into(flat: dict, prefix: str, nested: dict) -> None:
    for key, value in nested.items():
        if isinstance(value, dict):
            _flatten_into(flat, f"{prefix}.{key}", value)
        else:
            flat[f"{prefix}.{key}"] = value


# --- Parquet and Excel -------------------------------------------------------------------------
def _read_parquet(path: Path) -> Batches:
    """The rows a batch at a time, as DuckDB reads them, so a big file is never held whole."""
    con = duckdb.connect()
    try:
        unpacked = con.execute(
            "SELECT coalesce(sum(total_uncompressed_size), 0) FROM parquet_metadata(?)",
            [str(path)],
        ).fetchone()[0]
        if unpacked > MAX_DECOMPRESSED_BYTES:
            raise _too_big(path.name)
        rows = con.execute(
            "SELECT coalesce(sum(num_rows), 0) FROM parquet_file_metadata(?)", [str(path)]
        ).fetchone()[0]
        result = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
    except BaseException:
        con.close()
        raise
    columns = _unique_names(str(column[0]) for column in result.description)
    return Batches(columns, _parquet_tables(con, columns, rows))


def _parquet_tables(
    con: duckdb.DuckDBPyConnection, columns: list[str], rows: int
) -> Iterator[Table]:
    """Tables of the result `con` holds, each a chunk DuckDB hands over as pandas."""
    try:
        first = 0
        while not (chunk := con.fetch_df_chunk()).empty:
            chunk.columns = columns
            chunk.index = range(first, first + len(chunk))
            first += len(chunk)
            yield Table(_as_text(chunk), share=first / max(rows, 1))
    finally:
        con.close()


def _read_excel(path: Path, sheet: str | None, overrides: dict[str, str] | None) -> Batches:
    """One sheet: `sheet`, else the first with a title or description column."""
    with zipfile.ZipFile(path) as archive:  # an .xlsx is a ZIP archive, so it can be a ZIP bomb
        if sum(item.file_size for item in archive.infolist()) > MAX_DECOMPRESSED_BYTES:
            raise _too_big(path.name)
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = {ws.title: ws for ws in workbook.worksheets}  # chart sheets hold no rows
        names = ", ".join(map(repr, sheets)) or "none"
        if sheet is not None:
            if sheet not in sheets:
                raise InputError(f"{path.name}: no sheet {sheet!r}; its sheets are {names}")
            chosen, note = sheets[sheet], f"sheet {sheet!r}"
        else:
            usable = [
                ws for ws in sheets.values()
                if _has_text(_excel_header(ws.iter_rows(values_only=True)), overrides)
            ]  # fmt: skip
            if not usable:
                raise InputError(
                    f"{path.name}: no sheet has a title or description column; its sheets are "
                    f"{names}; choose one with --sheet NAME and name its columns with --map"
                )
            chosen = usable[0]
            note = f"sheet {chosen.title!r}"
            if len(sheets) > 1:
                note += f" (the first of {names} with a title or description column)"
        rows = chosen.iter_rows(values_only=True)
        header = _excel_header(rows)
        if header is None:
            raise InputError(f"{path.name}: sheet {chosen.title!r} is empty")
        records, index = [], []
        for number, values in enumerate(rows, start=1):
            if any(value is not None for value in values):
                records.append(list(values)[: len(header)] + [None] * (len(header) - len(values)))
                index.append(number - 1)
                _check_cells(path, len(records), len(header))
    finally:
        workbook.close()
    frame = pd.DataFrame(records, columns=header, index=index, dtype=object)
    return _in_batches(_as_text(frame), note)


def _excel_header(rows: Iterator[tuple]) -> list[str] | None:
    """Names from the first non-empty row (the header), or None for an empty sheet."""
    for values in rows:
        if any(value is not None for value in values):
            return _unique_names("" if value is None else str(value) for value in values)
    return None


def _has_text(header: list[str] | None, overrides: dict[str, str] | None) -> bool:
    from pipelines.mapping import resolve  # not at the top: mapping imports InputError from here

    try:
        return header is not None and bool(resolve(header, overrides))
    except InputError:
        return False


# --- shared --------------------------------------------------------------------------------------


def _check_cells(path: Path, rows: int, columns: int) -> None:
    """Refuses a file of more than MAX_CELLS values, before they take the memory."""
    if rows * columns > MAX_CELLS:
        raise InputError(
            f"{path.name}: more than {MAX_CELLS:,} values (rows x columns), too many for one "
            "load; split it into smaller files"
            + (f" of under {MAX_CELLS // columns:,} rows each" if columns > 1 else "")
        )


def _unique_names(names: Iterable[str]) -> list[str]:
    """Header names made unique, so the first of two `title` columns keeps the name."""
    seen: set[str] = set()
    out = []
    for position, name in enumerate(names, start=1):
        name = name.strip() or f"column_{position}"
        candidate, copy = name, 1
        while candidate in seen:
            copy += 1
            candidate = f"{name}_{copy}"
        seen.add(candidate)
        out.append(candidate)
    return out


def _rejected_table(rejected: list[tuple[int, str, str]]) -> pd.DataFrame:
    """(row_number, reason, raw) rows as the rejected_rows table takes them."""
    frame = pd.DataFrame(rejected, columns=_REJECT_COLUMNS)
    frame["raw"] = frame["raw"].map(lambda raw: raw.rstrip("\r\n"))
    return frame.astype({"row_number": "int64"})


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as strings (missing stays missing); nested values as JSON."""
    frame.columns = _unique_names(str(column) for column in frame.columns)
    return frame.apply(lambda column: column.map(_to_text))


def _to_text(value: object) -> str | None:
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()  # numpy scalars and arrays from Parquet
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if value is None or pd.isna(value):
        return None
    return str(value)
