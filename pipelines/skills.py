"""The skill taxonomy and the one matcher that finds skills in listing text.

Ingestion, re-extraction, the `extract` CLI and the evidence view all call `Matcher`, so a
count on the dashboard and the highlighted span behind it always come from the same patterns.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import hyperscan

DEFAULT_TAXONOMY = Path(__file__).resolve().parent.parent / "data" / "skills.toml"

# Characters that continue a token: "C" inside "C++" or "C#" is not the C language.
_CONTINUES = frozenset(b"+#")
# How far around a hit an exclude pattern may look ("R&D", "excel at", "go-to-market").
_EXCLUDE_WINDOW = 40


class TaxonomyError(ValueError):
    """A taxonomy file the matcher cannot use; the message names the file and entry."""


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    category: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    skills: tuple[Skill, ...]
    version: str
    user_files: tuple[tuple[str, str], ...] = ()

    def by_id(self) -> dict[str, Skill]:
        return {skill.id: skill for skill in self.skills}


@dataclass(frozen=True)
class Hit:
    skill_id: str
    start: int
    end: int


_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_LIST_FIELDS = ("aliases", "exact", "patterns", "exclude", "weak", "requires")


def load_taxonomy(*paths: Path | str, user_files: Sequence[tuple[str, str]] = ()) -> Taxonomy:
    """The base taxonomy, then user files: a later file's skill replaces an earlier one's.

    `user_files` are (name, TOML text) pairs, e.g. custom skills kept in the database.
    """
    sources = [(str(p), read_taxonomy_file(Path(p))) for p in (paths or (DEFAULT_TAXONOMY,))]
    skills: dict[str, Skill] = {}
    digest = hashlib.sha256()
    for name, text in [*sources, *user_files]:
        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise TaxonomyError(f"{name}: not a valid TOML file ({error})") from error
        digest.update(text.encode("utf-8"))
        seen: set[str] = set()
        for number, entry in enumerate(document.get("skills", []), start=1):
            skill = _parse_skill(entry, f"{name}, skill #{number}")
            if skill.id in seen:
                raise TaxonomyError(f"{name}: skill id {skill.id!r} is defined twice")
            seen.add(skill.id)
            skills[skill.id] = skill
    if not skills:
        raise TaxonomyError(f"{', '.join(name for name, _ in sources)}: no [[skills]] entries")
    for skill in skills.values():
        unknown = [r for r in skill.requires if r not in skills]
        if unknown:
            raise TaxonomyError(f"skill {skill.id!r}: requires unknown skill ids {unknown}")
    return Taxonomy(tuple(skills.values()), digest.hexdigest()[:12], tuple(user_files))


def read_taxonomy_file(path: Path) -> str:
    """A taxonomy file's text; TaxonomyError saying what is wrong when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise TaxonomyError(f"{path}: taxonomy file not found") from error
    except OSError as error:
        raise TaxonomyError(f"{path}: cannot read the taxonomy file ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise TaxonomyError(f"{path}: not UTF-8 text; save it as UTF-8") from error


def _parse_skill(entry: dict, where: str) -> Skill:
    skill_id = entry.get("id")
    if not isinstance(skill_id, str) or not _ID.match(skill_id):
        raise TaxonomyError(f"{where}: id must be lower_snake_case text, got {skill_id!r}")
    where = f"{where} ({skill_id})"
    for field in ("name", "category"):
        if not isinstance(entry.get(field), str) or not entry[field].strip():
            raise TaxonomyError(f"{where}: {field!r} is required")
    lists = {}
    for field in _LIST_FIELDS:
        value = entry.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise TaxonomyError(f"{where}: {field!r} must be a list of non-empty strings")
        lists[field] = tuple(value)
    if not (lists["aliases"] or lists["exact"] or lists["patterns"] or lists["weak"]):
        raise TaxonomyError(f"{where}: give at least one of aliases, exact, patterns, weak")
    if lists["weak"] and not lists["requires"]:
        raise TaxonomyError(f"{where}: 'weak' aliases need 'requires' (skill ids)")
    for pattern in lists["patterns"] + lists["exclude"]:
        try:
            re.compile(pattern)
        except re.error as error:
            raise TaxonomyError(f"{where}: invalid pattern {pattern!r}: {error}") from error
    return Skill(
        id=skill_id,
        name=entry["name"].strip(),
        category=entry["category"].strip(),
        description=str(entry.get("description", "")).strip(),
        **lists,
    )


def phrase_to_regex(phrase: str) -> str:
    """An alias as a regex whose words may be joined by spaces, hyphens, underscores or nothing."""
    words = re.split(r"[\s\-_]+", phrase.strip())
    return r"[\s\-_]*".join(re.escape(word) for word in words if word)


@dataclass(frozen=True)
class _Rule:
    skill_index: int
    weak: bool
    exclude: re.Pattern[bytes] | None


class Matcher:
    """All skill patterns compiled into one Hyperscan database, scanned once per text."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.skill_ids = tuple(skill.id for skill in taxonomy.skills)
        expressions: list[bytes] = []
        flags: list[int] = []
        self._rules: list[_Rule] = []
        for index, skill in enumerate(taxonomy.skills):
            exclude = _compile_excludes(skill.exclude)
            for regex, caseless, weak in _expressions(skill):
                expressions.append(regex.encode())
                flags.append(
                    hyperscan.HS_FLAG_SOM_LEFTMOST | (hyperscan.HS_FLAG_CASELESS * caseless)
                )
                self._rules.append(_Rule(index, weak, exclude))
        self._requires = [
            frozenset(self.skill_ids.index(r) for r in skill.requires) for skill in taxonomy.skills
        ]
        self._database = _cached_compile(expressions, flags, self._rules, taxonomy)
        self._scratch = hyperscan.Scratch(self._database)

    def hits(self, text: str) -> list[Hit]:
        """Every accepted match in `text`, with character offsets, in text order."""
        data = text.encode("utf-8")
        spans = self._scan(data)
        found = {index for index, _, _, weak in spans if not weak}
        accepted = [
            (start, end, index)
            for index, start, end, weak in spans
            if not weak or found & self._requires[index]
        ]
        accepted = _leftmost_longest(accepted)
        return [
            Hit(self.skill_ids[index], _char_offset(data, start), _char_offset(data, end))
            for start, end, index in accepted
        ]

    def skills_in(self, text: str) -> list[str]:
        """The sorted ids of the skills named in `text` (presence, not mentions)."""
        spans = self._scan(text.encode("utf-8"))
        found = {index for index, _, _, weak in spans if not weak}
        weak = {
            index for index, _, _, is_weak in spans if is_weak and found & self._requires[index]
        }
        return sorted(self.skill_ids[index] for index in found | weak)

    def _scan(self, data: bytes) -> list[tuple[int, int, int, bool]]:
        spans: list[tuple[int, int, int, bool]] = []
        rules = self._rules

        def on_match(rule_id: int, start: int, end: int, _flags: int, _ctx: object) -> None:
            rule = rules[rule_id]
            if _bounded(data, start, end) and not _excluded(rule.exclude, data, start, end):
                spans.append((rule.skill_index, start, end, rule.weak))

        self._database.scan(data, match_event_handler=on_match, scratch=self._scratch)
        return spans


def _expressions(skill: Skill) -> Iterable[tuple[str, bool, bool]]:
    """(regex, caseless, weak) for every way the skill can be named."""
    for alias in skill.aliases:
        yield phrase_to_regex(alias), True, False
    for alias in skill.exact:
        yield phrase_to_regex(alias), False, False
    for pattern in skill.patterns:
        yield pattern, True, False
    for alias in skill.weak:
        yield phrase_to_regex(alias), False, True


def _compile_excludes(patterns: tuple[str, ...]) -> re.Pattern[bytes] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns).encode(), re.IGNORECASE)


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "ml-job-market-skills"


def _cached_compile(
    expressions: list[bytes], flags: list[int], rules: list[_Rule], taxonomy: Taxonomy
) -> hyperscan.Database:
    """Compiling takes seconds; a compiled database is kept on disk, keyed by its patterns."""
    key = hashlib.sha256(repr((expressions, flags, hyperscan.__version__)).encode()).hexdigest()
    path = _cache_dir() / f"{key[:32]}.hsdb"
    try:
        return hyperscan.loadb(path.read_bytes(), hyperscan.HS_MODE_BLOCK)
    except (OSError, hyperscan.error):
        pass
    database = _compile(expressions, flags, rules, taxonomy)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(hyperscan.dumpb(database))
        partial.replace(path)
    except OSError:
        pass  # a read-only home only costs the next start a compile
    return database


def _compile(
    expressions: list[bytes], flags: list[int], rules: list[_Rule], taxonomy: Taxonomy
) -> hyperscan.Database:
    database = hyperscan.Database()
    try:
        database.compile(expressions=expressions, ids=list(range(len(expressions))), flags=flags)
    except hyperscan.error as error:
        for index, expression in enumerate(expressions):
            try:
                hyperscan.Database().compile(expressions=[expression], flags=[flags[index]])
            except hyperscan.error:
                skill = taxonomy.skills[rules[index].skill_index]
                raise TaxonomyError(
                    f"skill {skill.id!r}: pattern {expression.decode()!r} is not supported "
                    f"({error}); avoid look-arounds and back-references"
                ) from error
        raise TaxonomyError(f"the taxonomy does not compile: {error}") from error
    return database


def _is_word(byte: int) -> bool:
    return 48 <= byte <= 57 or 65 <= byte <= 90 or 97 <= byte <= 122


def _is_upper(byte: int) -> bool:
    return 65 <= byte <= 90


def _is_lower(byte: int) -> bool:
    return 97 <= byte <= 122


def _bounded(data: bytes, start: int, end: int) -> bool:
    """A hit must stand as its own token; scraped texts glue words across lost line breaks.

    "modelingAWS" and "PySpark" start a token at a lower-to-upper step; "SQLExperience",
    "PythonExperience" and "Python or RAbility" end one before a capitalised word.
    """
    if start > 0:
        before, first = data[start - 1], data[start]
        camel = _is_lower(before) and _is_upper(first)
        acronym_then_word = (
            _is_upper(before)
            and _is_upper(first)
            and end - start > 1
            and _is_lower(data[start + 1])
        )
        if _is_word(before) and not (camel or acronym_then_word):
            return False
    if end < len(data):
        last, after = data[end - 1], data[end]
        if after in _CONTINUES:
            return False
        if _is_word(after):
            camel = _is_lower(last) and _is_upper(after)
            before_word = (
                _is_upper(last)
                and _is_upper(after)
                and end + 1 < len(data)
                and _is_lower(data[end + 1])
            )
            if not (camel or before_word):
                return False
    return True


def _excluded(exclude: re.Pattern[bytes] | None, data: bytes, start: int, end: int) -> bool:
    """True when an exclude pattern matches text that covers the whole hit."""
    if exclude is None:
        return False
    offset = max(0, start - _EXCLUDE_WINDOW)
    window = data[offset : end + _EXCLUDE_WINDOW]
    for match in exclude.finditer(window):
        if match.start() + offset <= start and match.end() + offset >= end:
            return True
    return False


def _leftmost_longest(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """One hit per skill per place: the longest of the matches that start together or overlap."""
    spans.sort(key=lambda s: (s[2], s[0], -s[1]))
    kept: list[tuple[int, int, int]] = []
    for start, end, index in spans:
        if kept and kept[-1][2] == index and start < kept[-1][1]:
            continue
        kept.append((start, end, index))
    kept.sort()
    return kept


def _char_offset(data: bytes, byte_offset: int) -> int:
    return len(data[:byte_offset].decode("utf-8", errors="ignore"))


def evidence(
    matcher: Matcher, text: str, skill_id: str, width: int = 60
) -> list[tuple[str, str, str]]:
    """Every place `text` names the skill, as (before, match, after) snippets."""
    return [snippet(text, hit, width) for hit in matcher.hits(text) if hit.skill_id == skill_id]


def snippet(text: str, hit: Hit, width: int = 60) -> tuple[str, str, str]:
    """(before, match, after) around a hit, for showing evidence."""
    return (
        text[max(0, hit.start - width) : hit.start],
        text[hit.start : hit.end],
        text[hit.end : hit.end + width],
    )
