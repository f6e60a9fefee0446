"""Command line: `python -m pipelines ingest|fetch|extract|reextract ...`.

Exit codes: 0 done, 2 bad input (the message says which file, row or column and what to do),
1 internal error.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from pipelines import connectors, db, normalise
from pipelines.connectors.http import DEFAULT_RAW_DIR, FetchError
from pipelines.load import delete_dataset, ingest_file, matcher_for, reextract
from pipelines.mapping import FIELDS, parse_overrides
from pipelines.readers import InputError, check_file
from pipelines.skills import DEFAULT_TAXONOMY, Matcher, TaxonomyError, load_taxonomy

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except (InputError, TaxonomyError, db.DatabaseBusyError, FetchError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted: nothing was changed by the unfinished step", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as error:
        print(f"internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipelines", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="load listing files into the database")
    ingest.add_argument("files", nargs="+", type=Path, metavar="FILE")
    ingest.add_argument("--name", help="dataset name (default: the file name without extension)")
    ingest.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=f"use COLUMN for FIELD; fields: {', '.join(FIELDS)}",
    )
    ingest.add_argument(
        "--posted-date",
        metavar="DATE",
        help="date for listings that have none (e.g. 2020-06-01, or 2020)",
    )
    ingest.add_argument(
        "--sheet",
        metavar="NAME",
        help="Excel workbooks: the sheet to load (default: the first sheet with a title or "
        "description column; the progress line names the sheet it chose)",
    )
    _add_common(ingest)
    ingest.set_defaults(run=_ingest)

    fetch = commands.add_parser(
        "fetch", help="fetch listings from a public source and load them like a file"
    )
    fetch.add_argument(
        "source",
        choices=list(connectors.SOURCES),
        metavar="SOURCE",
        help=f"one of: {', '.join(connectors.SOURCES)}",
    )
    fetch.add_argument("--since", metavar="YYYY-MM", help="keep listings from this month on")
    fetch.add_argument("--until", metavar="YYYY-MM", help="keep listings up to this month")
    fetch.add_argument("--limit", type=int, metavar="N", help="stop after N listings")
    fetch.add_argument("--base-url", metavar="URL", help="fetch from this address instead")
    fetch.add_argument(
        "--offline", action="store_true", help="load only what an earlier fetch cached"
    )
    fetch.add_argument(
        "--raw-dir",
        type=Path,
        default=DEFAULT_RAW_DIR,
        metavar="DIR",
        help="where raw answers are cached, one folder per source (default: data/raw)",
    )
    fetch.add_argument("--country", metavar="CC", help="adzuna: country code (default: gb)")
    _add_common(fetch)
    fetch.set_defaults(run=_fetch)

    extract = commands.add_parser(
        "extract", help='read JSON Lines {"id", "text"}, write {"id", "skills"} to stdout'
    )
    extract.add_argument("file", type=Path, metavar="FILE.jsonl", help="'-' for stdin")
    extract.add_argument("--skills", action="append", type=Path, default=[], metavar="TOML")
    extract.set_defaults(run=_extract)

    delete = commands.add_parser("delete", help="remove a dataset and its listings (undo a load)")
    delete.add_argument("dataset_id", type=int, metavar="DATASET_ID")
    delete.add_argument(
        "--db", type=Path, help="database file (default: $JOBS_DB or data/jobs.duckdb)"
    )
    delete.set_defaults(run=_delete)

    again = commands.add_parser("reextract", help="re-run skill extraction over all listings")
    _add_common(again)
    again.add_argument(
        "--reset-skills", action="store_true", help="forget the skill files given earlier"
    )
    again.set_defaults(run=_reextract)
    return parser


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", type=Path, help="database file (default: $JOBS_DB or data/jobs.duckdb)"
    )
    parser.add_argument(
        "--skills",
        action="append",
        type=Path,
        default=[],
        metavar="TOML",
        help="your skills file adding or replacing skills; kept in the database (repeatable)",
    )


def _ingest(args: argparse.Namespace) -> int:
    if args.name and len(args.files) > 1:
        raise InputError("--name applies to one file; load several files one command each")
    posted_date = _posted_date(args.posted_date)
    overrides = parse_overrides(args.map)
    for path in args.files:  # refuse a bad file before the database or the taxonomy is touched
        check_file(path)
    con = db.connect(args.db)
    try:
        matcher = matcher_for(con, args.skills)
        for path in args.files:
            result = ingest_file(
                con,
                path,
                matcher,
                name=args.name,
                overrides=overrides,
                posted_date=posted_date,
                sheet=args.sheet,
                progress=_ProgressBar(path.name),
            )
            print(result.summary())
    finally:
        con.close()
    return EXIT_OK


def _fetch(args: argparse.Namespace) -> int:
    request = connectors.make_request(
        args.source,
        since=args.since,
        until=args.until,
        limit=args.limit,
        country=args.country,
        base_url=args.base_url,
        offline=args.offline,
    )
    _check_database(args)  # a busy database or a bad skills file stops before a long fetch
    progress = _ProgressBar(args.source)
    with connectors.client_for(
        args.source, base_url=args.base_url, raw_dir=args.raw_dir, offline=args.offline
    ) as client:
        fetched = connectors.fetch_to_file(client, args.source, request, progress)
        result = None
        if fetched.path is not None:
            con = db.connect(args.db)
            try:
                result = connectors.load(con, matcher_for(con, args.skills), fetched, progress)
            finally:
                con.close()
        client.finish()
    print(fetched.summary(result))
    return EXIT_OK


def _check_database(args: argparse.Namespace) -> None:
    con = db.connect(args.db)
    try:
        matcher_for(con, args.skills)
    finally:
        con.close()


def _posted_date(value: str | None) -> datetime.date | None:
    if value is None:
        return None
    parsed = normalise.parse_date(value)
    if parsed is None:
        raise InputError(f"--posted-date {value!r}: not a date; write it like 2020-06-01")
    return parsed


def _extract(args: argparse.Namespace) -> int:
    matcher = Matcher(load_taxonomy(DEFAULT_TAXONOMY, *args.skills))
    stream = sys.stdin if str(args.file) == "-" else _open_text(args.file)
    with stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["text"]
                if not isinstance(text, str):
                    raise TypeError
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise InputError(
                    f"{args.file}: line {number} must be a JSON object with a string 'text' "
                    f"(and an 'id')"
                ) from error
            skills = matcher.skills_in(text)
            print(json.dumps({"id": record.get("id"), "skills": skills}, ensure_ascii=False))
    return EXIT_OK


def _open_text(path: Path):
    try:
        return path.open(encoding="utf-8")
    except OSError as error:
        raise InputError(f"{path}: cannot open ({error.strerror})") from error


def _reextract(args: argparse.Namespace) -> int:
    con = db.connect(args.db)
    try:
        matcher = matcher_for(con, args.skills, reset=args.reset_skills)
        mentions = reextract(con, matcher)
    finally:
        con.close()
    taxonomy = matcher.taxonomy
    kept = ", ".join(name for name, _ in taxonomy.user_files) or "none"
    print(
        f"re-extracted with taxonomy {taxonomy.version} ({len(taxonomy.skills)} skills; "
        f"your skill files: {kept}): {mentions:,} skill mentions"
    )
    return EXIT_OK


def _delete(args: argparse.Namespace) -> int:
    con = db.connect(args.db)
    try:
        removed = delete_dataset(con, args.dataset_id)
    finally:
        con.close()
    print(f"deleted dataset {args.dataset_id} and its {removed:,} listings")
    return EXIT_OK


class _ProgressBar:
    """A one-line text progress bar on stderr; one line per stage when not a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.tty = sys.stderr.isatty()
        self.stage = ""

    def __call__(self, stage: str, fraction: float) -> None:
        if self.tty:
            filled = int(fraction * 30)
            bar = "#" * filled + "." * (30 - filled)
            end = "\n" if fraction >= 1 else ""
            print(f"\r{self.label} [{bar}] {fraction:4.0%} {stage:<16}", end=end, file=sys.stderr)
        elif stage != self.stage:
            print(f"{self.label}: {stage}...", file=sys.stderr)
        self.stage = stage


if __name__ == "__main__":
    sys.exit(main())
