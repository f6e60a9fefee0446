"""Role family and seniority of a listing, read from its title by ordered rules.

The dashboards compare skills across roles and levels; titles are the only field every source has.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipelines.normalise import clean

ROLE_FAMILIES: dict[str, str] = {
    "ml_engineer": "ML engineer",
    "data_scientist": "Data scientist",
    "data_engineer": "Data engineer",
    "data_analyst": "Data analyst",
    "research_scientist": "Research scientist",
    "ai_engineer": "AI/LLM engineer",
    "software_engineer": "Software engineer",
    "other": "Other",
}

SENIORITIES: dict[str, str] = {
    "intern": "Intern",
    "junior": "Junior",
    "mid": "Mid-level",
    "senior": "Senior",
    "lead": "Lead/principal",
    "manager": "Manager",
}

_ML = r"machine learning|ml|mlops|ml ops|deep learning|computer vision|nlp|natural language"
_GENAI = r"llms?|genai|gen ai|generative ai|prompt|agentic|ai agents?"
_AI = rf"ai|artificial intelligence|{_GENAI}"
_BUILDER = r"engineers?|engineering|developers?|architects?"
# Job levels written as numbers count only after a role noun: "Engineer 3", "SDE III".
_LEVELLED = (
    r"\b(?:engineers?|eng|developers?|scientists?|analysts?|specialists?|architects?|sde|swe|sdm)"
)

# fmt: off
# Tried in order on the normalised title; the first match wins, so narrower rules come first.
_FAMILY_PATTERNS = [
    # Non-technical head nouns first: "Product Manager, Machine Learning" is a product manager.
    ("other", r"\bproduct (?:manager|owner|designer|lead|marketing)\b|\bdesigner\b"
              r"|\b(?:account|sales) (?:executive|manager|representative|director)\b"
              r"|\b(?:sales|solutions?|mechanical|electrical|civil|chemical|structural|hardware"
              r"|manufacturing|industrial|process|field) engineers?\b|\bsolutions? architect\b"
              r"|\b(?:project|program|programme|delivery) manager\b|\brecruiter\b"
              r"|\bdeveloper (?:advocate|relations)\b|\btechnical writer\b|\bux research"),
    ("research_scientist", rf"\b(?:research|applied|{_ML}|ai|llm)\s+scientists?\b"
                           rf"|\bresearch engineers?\b|\b(?:{_ML}|ai|llm)\s+researchers?\b"
                           r"|^researchers?$"),
    ("data_scientist", r"\bdata scien(?:ce|tists?)\b|\bdecision scientists?\b|\bstatisticians?\b"),
    # Generative-AI builders beat ML ("Generative AI / NLP Engineer"); plain "AI/ML" does not.
    ("ai_engineer", rf"\b(?:{_GENAI})\b.*\b(?:{_BUILDER})\b|\b(?:{_BUILDER})\b.*\b(?:{_GENAI})\b"),
    # ML beats generic software: "Software Engineer, Machine Learning" is an ML engineer.
    ("ml_engineer", rf"\b(?:{_ML})\b"),
    ("ai_engineer", rf"\b(?:{_AI})\b.*\b(?:{_BUILDER})\b|\b(?:{_BUILDER})\b.*\b(?:{_AI})\b"
                    rf"|\b(?:head|director|vp|chief)\b.*\b(?:{_AI})\b"),
    ("data_engineer", r"\bdata (?:\w+ )?(?:engineers?|engineering)\b|\banalytics engineers?\b"
                      r"|\bdata (?:architects?|warehouse)\b|\betl\b|\bdataops\b"),
    # "Data Quality Analyst" analyses data; "Data Privacy Analyst" is a compliance role.
    ("data_analyst", r"\bdata (?:(?!privacy|protection|policy|security)\w+ )?analysts?\b"
                     r"|\b(?:bi|business intelligence|business|reporting|insights?|marketing"
                     r"|product|quantitative|statistical|analytics) analysts?\b"
                     r"|\bbi (?:developer|engineer)\b|\bbusiness intelligence\b|\banalytics\b"),
    ("software_engineer", r"\b(?:engineers?|engineering|developers?|programmers?|sre|devops|cto"
                          r"|sde|swe|tech lead|back ?end|front ?end|full ?stack)\b"),
]

# An intern is an intern at any level, a manager outranks a "Senior" prefix, and
# lead/principal/staff beat senior ("Senior Staff Engineer" is staff level).
_SENIORITY_PATTERNS = [
    ("intern", r"\b(?:intern|internship|co op|trainee|apprentice|working student)\b"),
    ("manager", r"\b(?:manager|director|head|vp|vice president|chief|cto|cdo|cio|ceo|president)\b"),
    # Capital One's "Principal Associate" sits below manager, at about a senior individual level.
    ("senior", r"\bprincipal associate\b"),
    # "Member of Technical Staff" is a generic title, not staff level.
    ("lead", r"\b(?:lead|principal|distinguished)\b|(?<!technical )\bstaff\b"),
    ("senior", rf"\b(?:senior|sr|snr)\b|{_LEVELLED}\s+(?:iii|iv|v|vi|3|4|5|6)\b"),
    ("junior", r"\b(?:junior|jr|entry level|entry|associate|graduate|grad|new grad|early career)\b"
               rf"|{_LEVELLED}\s+(?:i|1)\b"),
]
# fmt: on

_FAMILY_RULES = [(family, re.compile(pattern)) for family, pattern in _FAMILY_PATTERNS]
_SENIORITY_RULES = [(level, re.compile(pattern)) for level, pattern in _SENIORITY_PATTERNS]


def role_family(title: object) -> str:
    """One of the ids in ROLE_FAMILIES; "other" when the title is missing or unrecognised."""
    text = clean(title)
    return _family(text) if text else "other"


def seniority(title: object) -> str:
    """One of the ids in SENIORITIES; "mid" when the title names no level."""
    text = clean(title)
    return _seniority(text) if text else "mid"


@lru_cache(maxsize=65_536)
def _family(title: str) -> str:
    text = _normalise(title)
    return next((family for family, rule in _FAMILY_RULES if rule.search(text)), "other")


@lru_cache(maxsize=65_536)
def _seniority(title: str) -> str:
    text = _normalise(title)
    return next((level for level, rule in _SENIORITY_RULES if rule.search(text)), "mid")


def _normalise(title: str) -> str:
    # "Sr." -> "sr", "Full-Stack" -> "full stack", "AI/ML" -> "ai ml": rules then see plain words.
    return " ".join(re.sub(r"[^a-z0-9&+#]+", " ", title.lower()).split())
