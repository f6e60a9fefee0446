"""The skill taxonomy and the one matcher that finds skills in listing text.

Ingestion, re-extraction, the `extract` CLI and the evidence view all call `Matcher`, so a
count on the dashboard and the highlighted span behind it always come from the same patterns.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
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


# Scanning runs over the text with each run of whitespace as one space (or line break), so an
# alias's words need only four joiners and each spelling of an alias is a plain literal:
# Hyperscan scans literals several times faster than patterns with `[\s\-_]*` between words.
_JOINERS = ("", " ", "-", "_")
_SPACES = bytes.maketrans(b"\t\x0b\x0c\r", b"    ")
_FLAT = bytes.maketrans(b"\n", b" ")
_COLLAPSE = ((b"  ", b" "), (b" \n", b"\n"), (b"\n ", b"\n"), (b"\n\n", b"\n"))
_SPACE_RUN = re.compile(rb"[ \t\n\x0b\x0c\r]{2,}")
# What `scan_bytes` would change: a run of whitespace, or whitespace other than space and \n.
_UNTIDY = rb"[ \n][ \n]|[\t\x0b\x0c\r]"
# An alias joined more times than this has too many spellings; it is scanned as a pattern.
_MAX_JOINS = 3


@dataclass(frozen=True, slots=True)
class _Rule:
    """What one compiled expression means, and where its name lies within what it matched."""

    skill_index: int
    source: str  # the alias or pattern as written, for messages
    weak: bool = False
    exclude: re.Pattern[bytes] | None = None  # the skill's exclusions, checked around a hit
    length: int | None = None  # bytes of a literal spelling; None for a pattern
    lead: int = 0  # bytes matched before a pattern: the non-word character it must follow
    tail: int = 0  # bytes matched after a literal: the character that ends its token
    excluding: bool = False  # an exclude pattern of the skill, not a name


class Matcher:
    """All skill names compiled into Hyperscan databases and scanned once per text.

    Two databases hold the same expressions. The presence one, behind `skills_in`, reports no
    match starts, which keeps scans several times faster: a literal's start follows from its
    length, and exclude patterns only say where they end, which clears every hit none of them
    ends close after. The spans one, behind `hits`, also reports where patterns start;
    `skills_in` turns to it only when an exclusion may cover a pattern's match. Both report
    every mention: a skill is found at its first mention that counts, and Hyperscan scans no
    faster when told to report an expression once per text.
    """

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.skill_ids = tuple(skill.id for skill in taxonomy.skills)
        expressions: list[bytes] = []
        flags: list[int] = []
        self._rules: list[_Rule] = []
        seen: set[tuple[str, bool, _Rule]] = set()
        for index, skill in enumerate(taxonomy.skills):
            for regex, caseless, rule in _expressions(skill, index):
                key = (regex.lower() if caseless else regex, caseless, replace(rule, source=""))
                if key in seen:  # "Machine Learning" and "machine learning" are one spelling
                    continue
                seen.add(key)
                expressions.append(regex.encode())
                # Exclude patterns may look around; prefiltering finds a superset of their
                # matches, ending where they end, which is all the scan needs of them.
                flags.append(
                    hyperscan.HS_FLAG_CASELESS * caseless
                    | hyperscan.HS_FLAG_PREFILTER * rule.excluding
                )
                self._rules.append(rule)
        self._kinds = [_kind(rule) for rule in self._rules] + [_UNTIDY_CHECK]
        self._requires = [
            frozenset(self.skill_ids.index(r) for r in skill.requires) for skill in taxonomy.skills
        ]
        # Texts come tidy as a rule; the presence scan tells when one is not, which costs it
        # nothing and spares every tidy text a look for double spaces.
        self._presence = _cached_compile(
            [*expressions, _UNTIDY],
            [*flags, hyperscan.HS_FLAG_SINGLEMATCH],
            self._rules,
            taxonomy,
        )
        self._presence_scratch = hyperscan.Scratch(self._presence)
        spans = [
            flag | hyperscan.HS_FLAG_SOM_LEFTMOST * (rule.length is None and not rule.excluding)
            for flag, rule in zip(flags, self._rules, strict=True)
        ]
        self._spans = _cached_compile(expressions, spans, self._rules, taxonomy)
        self._spans_scratch = hyperscan.Scratch(self._spans)

    def skills_in(self, text: str | bytes) -> list[str]:
        """The sorted ids of the skills named in `text` or its UTF-8 bytes (presence, not
        mentions)."""
        data = text.encode("utf-8") if isinstance(text, str) else text
        try:
            return self._present(data)
        except hyperscan.ScanTerminated:  # whitespace to collapse first
            return self._present(scan_bytes(data))

    def _present(self, data: bytes) -> list[str]:
        found: set[int] = set()
        weak: set[int] = set()
        pending: list[tuple[_Rule, int]] = []  # names of skills with exclusions
        exclusion_ends: dict[int, list[int]] = {}
        rules = self._rules
        kinds = self._kinds

        def on_match(rule_id: int, _start: int, to: int, _flags: int, _ctx: object) -> bool:
            kind = kinds[rule_id]
            if kind == _UNTIDY_CHECK:
                return True  # stops the scan
            rule = rules[rule_id]
            if kind == _EXCLUSION:
                exclusion_ends.setdefault(rule.skill_index, []).append(to)
                return False
            kept = weak if rule.weak else found
            if rule.skill_index in kept:
                return False
            end = to - rule.tail
            if kind == _DEFERRED:  # an exclusion may end later in the text
                pending.append((rule, end))
            elif (kind == _LITERAL and _spaced(data, end - rule.length, end)) or _counts(
                rule, data, end, exclusion_ends
            ):
                kept.add(rule.skill_index)
            return False

        self._presence.scan(data, match_event_handler=on_match, scratch=self._presence_scratch)
        for rule, end in pending:
            kept = weak if rule.weak else found
            if rule.skill_index in kept:
                continue
            if (
                not _reached(exclusion_ends, rule.skill_index, end)
                and rule.length is not None
                and _spaced(data, end - rule.length, end)
            ):
                kept.add(rule.skill_index)  # the common case, settled without a closer look
                continue
            if rule.length is None and _reached(exclusion_ends, rule.skill_index, end):
                # whether the exclusion covers this match depends on where the match starts
                return sorted({self.skill_ids[index] for _, _, index in self._accepted(data)})
            if _counts(rule, data, end, exclusion_ends):
                kept.add(rule.skill_index)
        weak = {index for index in weak if found & self._requires[index]}
        return sorted([self.skill_ids[index] for index in found | weak])

    def hits(self, text: str) -> list[Hit]:
        """Every accepted match in `text`, with character offsets, in text order."""
        original = text.encode("utf-8")
        to_original = _original_offsets(original)
        return [
            Hit(
                self.skill_ids[index],
                _char_offset(original, to_original(start)),
                _char_offset(original, to_original(end)),
            )
            for start, end, index in _leftmost_longest(self._accepted(scan_bytes(text)))
        ]

    def _accepted(self, data: bytes) -> list[tuple[int, int, int]]:
        """(start, end, skill index) of every match that stands as a token and is not excluded."""
        candidates: list[tuple[_Rule, int, int]] = []
        exclusion_ends: dict[int, list[int]] = {}
        rules = self._rules

        def on_match(rule_id: int, start: int, to: int, _flags: int, _ctx: object) -> None:
            rule = rules[rule_id]
            if rule.excluding:
                exclusion_ends.setdefault(rule.skill_index, []).append(to)
                return
            end = to - rule.tail
            if rule.length is None:
                start += rule.lead
                token = _ends_token(data, end)
            else:
                start = end - rule.length
                token = _bounded(data, start, end)
            if token:
                candidates.append((rule, start, end))

        self._spans.scan(data, match_event_handler=on_match, scratch=self._spans_scratch)
        spans = [
            (start, end, rule)
            for rule, start, end in candidates
            if not _excluded(rule, data, start, end, exclusion_ends)
        ]
        found = {rule.skill_index for _, _, rule in spans if not rule.weak}
        return [
            (start, end, rule.skill_index)
            for start, end, rule in spans
            if not rule.weak or found & self._requires[rule.skill_index]
        ]


# What the presence scan does with a match of a rule: settle a literal or a pattern at once,
# defer a name of a skill with exclusions to after the scan, note where an exclusion ends.
_LITERAL, _PATTERN, _DEFERRED, _EXCLUSION, _UNTIDY_CHECK = range(5)


def _kind(rule: _Rule) -> int:
    if rule.excluding:
        return _EXCLUSION
    if rule.exclude is not None:
        return _DEFERRED
    return _PATTERN if rule.length is None else _LITERAL


def _counts(rule: _Rule, data: bytes, end: int, exclusion_ends: dict[int, list[int]]) -> bool:
    """Whether a match ending at `end` counts as a hit.

    A pattern's start is not known here; it has a non-word character before it by design,
    and callers settle exclusions of patterns themselves.
    """
    if rule.length is None:
        return _ends_token(data, end)
    start = end - rule.length
    return _bounded(data, start, end) and not _excluded(rule, data, start, end, exclusion_ends)


def scan_bytes(text: str | bytes) -> bytes:
    """`text` as the matcher scans it: UTF-8, each run of whitespace one space or line break.

    A run keeps a line break when it has one, for the patterns that tell list items apart.
    """
    data = (text.encode("utf-8") if isinstance(text, str) else text).translate(_SPACES)
    if b"  " not in data.translate(_FLAT):  # stored descriptions are tidy: the common case
        return data
    for pair, one in _COLLAPSE:
        while pair in data:
            data = data.replace(pair, one)
    return data


def _original_offsets(original: bytes) -> Callable[[int], int]:
    """Maps a byte offset in `scan_bytes` of a text back to its offset in the UTF-8 text."""
    after_run: list[int] = []
    removed: list[int] = []
    total = 0
    for run in _SPACE_RUN.finditer(original):
        after_run.append(run.start() - total + 1)
        total += len(run.group()) - 1
        removed.append(total)

    def to_original(offset: int) -> int:
        index = bisect.bisect_right(after_run, offset)
        return offset + (removed[index - 1] if index else 0)

    return to_original


def spellings(alias: str) -> list[str]:
    """The ways an alias is written: its words joined by a space, hyphen, underscore or nothing."""
    words = _words(alias)
    return [
        "".join(word + joiner for word, joiner in zip(words, (*joiners, ""), strict=True))
        for joiners in itertools.product(_JOINERS, repeat=len(words) - 1)
    ]


def _words(alias: str) -> list[str]:
    return [word for word in re.split(r"[\s\-_]+", alias.strip()) if word]


def _expressions(skill: Skill, index: int) -> Iterable[tuple[str, bool, _Rule]]:
    """(regex, caseless, rule) for every way the skill can be named, then its exclusions."""
    exclude = _compile_excludes(skill.exclude)
    names = [(a, True, False) for a in skill.aliases]
    names += [(a, False, False) for a in skill.exact]
    names += [(a, False, True) for a in skill.weak]
    for alias, caseless, weak in names:
        rule = _Rule(index, alias, weak, exclude)
        words = _words(alias)
        if len(words) - 1 > _MAX_JOINS:
            yield from _pattern(r"[ \-_]?".join(map(re.escape, words)), caseless, rule)
        else:
            for spelling in spellings(alias):
                yield from _literal(spelling, caseless, rule)
    for pattern in skill.patterns:
        yield from _pattern(single_spaced(pattern), True, _Rule(index, pattern, exclude=exclude))
    for pattern in skill.exclude:
        yield single_spaced(pattern), True, _Rule(index, pattern, excluding=True)


def _literal(spelling: str, caseless: bool, rule: _Rule) -> Iterable[tuple[str, bool, _Rule]]:
    needle = spelling.encode("utf-8")
    rule = replace(rule, length=len(needle))
    # Names occur inside words ("R" in "Role", "math" in "mathematics"); matching the next
    # character too drops those in the scan, before they cost a call into Python. It is
    # case-sensitive: "R" may end a token before "Ability" but not "ole".
    regex = re.escape(spelling)
    name = f"(?i:{regex})" if caseless else regex
    yield name + r"\z", False, rule
    if _ends_upper(needle, caseless):
        # and an upper-case name ends its token before a capital only when a word starts
        # there: "R" in "RAbility" but not in "RAM" or "CEO"
        yield name + "[^0-9A-Za-z+#]", False, replace(rule, tail=1)
        yield name + "[A-Z][a-z]", False, replace(rule, tail=2)
    else:
        yield name + "[^0-9a-z+#]", False, replace(rule, tail=1)


def _ends_upper(needle: bytes, caseless: bool) -> bool:
    return not caseless and _KIND[needle[-1]] == _UPPER


def _pattern(regex: str, caseless: bool, rule: _Rule) -> Iterable[tuple[str, bool, _Rule]]:
    """A pattern must start a token; matching the character before it says so without a start."""
    yield f"^(?:{regex})", caseless, rule
    yield f"[^0-9A-Za-z](?:{regex})", caseless, replace(rule, lead=1)


def _compile_excludes(patterns: tuple[str, ...]) -> re.Pattern[bytes] | None:
    if not patterns:
        return None
    joined = "|".join(f"(?:{single_spaced(p)})" for p in patterns)
    return re.compile(joined.encode(), re.IGNORECASE)


def single_spaced(pattern: str) -> str:
    """`pattern` with `\\s+` as `\\s` and `\\s*` as `\\s?`, for text with one-character spaces.

    Over `scan_bytes` they match the same, and Hyperscan scans the bounded forms twice as fast.
    """
    out: list[str] = []
    position, in_class = 0, False
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            escape = pattern[position : position + 2]
            quantifier = pattern[position + 2 : position + 3]
            if escape == "\\s" and not in_class and quantifier in ("+", "*"):
                out.append("\\s" if quantifier == "+" else "\\s?")
                position += 3
                continue
            out.append(escape)
            position += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            # a "]" first in a class (after an optional "^") is a literal, not its end
            opening = "[^]" if pattern.startswith("[^]", position) else "[]"
            if pattern.startswith(opening, position):
                out.append(opening)
                position += len(opening)
                continue
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        position += 1
    return "".join(out)


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
        for index, rule in enumerate(rules):
            if rule.length is not None:
                continue  # literals always compile; a pattern is at fault
            try:
                hyperscan.Database().compile(expressions=[expressions[index]], flags=[flags[index]])
            except hyperscan.error:
                skill = taxonomy.skills[rule.skill_index]
                raise TaxonomyError(
                    f"skill {skill.id!r}: pattern {rule.source!r} is not supported "
                    f"({error}); avoid look-arounds and back-references"
                ) from error
        raise TaxonomyError(f"the taxonomy does not compile: {error}") from error
    return database


# What each byte is to the token rules, looked up once per side of a hit.
_OTHER, _DIGIT, _UPPER, _LOWER = 0, 1, 2, 3
_KIND = bytes(
    _DIGIT if 48 <= b <= 57 else _UPPER if 65 <= b <= 90 else _LOWER if 97 <= b <= 122 else _OTHER
    for b in range(256)
)


# Bytes after a name that end its token whatever came before: not a letter, digit, + or #.
_AFTER = bytes(kind == _OTHER and byte not in _CONTINUES for byte, kind in enumerate(_KIND))


def _spaced(data: bytes, start: int, end: int) -> bool:
    """A name between spaces or punctuation: a token whatever it is; others take a closer look."""
    return (start == 0 or not _KIND[data[start - 1]]) and (end == len(data) or _AFTER[data[end]])


def _bounded(data: bytes, start: int, end: int) -> bool:
    """A hit must stand as its own token; scraped texts glue words across lost line breaks."""
    return _starts_token(data, start, end) and _ends_token(data, end)


def _starts_token(data: bytes, start: int, end: int) -> bool:
    """ "modelingAWS" and "PySpark" start a token at a lower-to-upper step."""
    if start == 0:
        return True
    before = _KIND[data[start - 1]]
    if before == _OTHER:
        return True
    first = _KIND[data[start]]
    if before == _LOWER:
        return first == _UPPER
    return (
        before == _UPPER
        and first == _UPPER
        and end - start > 1
        and _KIND[data[start + 1]] == _LOWER
    )


def _ends_token(data: bytes, end: int) -> bool:
    """ "SQLExperience" and "Python or RAbility" end a token before a capitalised word."""
    if end >= len(data):
        return True
    after = data[end]
    if after in _CONTINUES:
        return False
    kind = _KIND[after]
    if kind == _OTHER:
        return True
    if kind != _UPPER:
        return False
    last = _KIND[data[end - 1]]
    return last == _LOWER or (
        last == _UPPER and end + 1 < len(data) and _KIND[data[end + 1]] == _LOWER
    )


def _excluded(
    rule: _Rule, data: bytes, start: int, end: int, exclusion_ends: dict[int, list[int]]
) -> bool:
    """True when an exclude pattern matches text that covers the whole hit.

    The scan saw where the skill's exclude patterns may end; a hit that none of them reaches
    is clear without running a pattern.
    """
    if rule.exclude is None or not _reached(exclusion_ends, rule.skill_index, end):
        return False
    offset = max(0, start - _EXCLUDE_WINDOW)
    window = data[offset : end + _EXCLUDE_WINDOW]
    for match in rule.exclude.finditer(window):
        if match.start() + offset <= start and match.end() + offset >= end:
            return True
    return False


def _reached(exclusion_ends: dict[int, list[int]], skill_index: int, end: int) -> bool:
    """Whether the scan saw an exclusion of the skill end where one covering a hit that ends at
    `end` would: from there to the end of the window `_excluded` looks at."""
    ends = exclusion_ends.get(skill_index)
    return ends is not None and any(end <= at <= end + _EXCLUDE_WINDOW for at in ends)


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
