"""Role family and seniority rules against hand-labelled titles, many from the three real sets."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.roles import ROLE_FAMILIES, SENIORITIES, role_family, seniority


def test_ids_and_labels() -> None:
    assert list(ROLE_FAMILIES.items()) == [
        ("ml_engineer", "ML engineer"),
        ("data_scientist", "Data scientist"),
        ("data_engineer", "Data engineer"),
        ("data_analyst", "Data analyst"),
        ("research_scientist", "Research scientist"),
        ("ai_engineer", "AI/LLM engineer"),
        ("software_engineer", "Software engineer"),
        ("other", "Other"),
    ]
    assert list(SENIORITIES.items()) == [
        ("intern", "Intern"),
        ("junior", "Junior"),
        ("mid", "Mid-level"),
        ("senior", "Senior"),
        ("lead", "Lead/principal"),
        ("manager", "Manager"),
    ]


# (title, role family, seniority), each decided by reading the title.
RULES = [
    ("Senior Machine Learning Engineer", "ml_engineer", "senior"),
    ("ML Engineer II", "ml_engineer", "mid"),
    ("MLOps Engineer", "ml_engineer", "mid"),
    ("Data Scientist", "data_scientist", "mid"),
    ("Sr. Data Scientist", "data_scientist", "senior"),
    ("Data Scientist I", "data_scientist", "junior"),
    ("Data Scientist III", "data_scientist", "senior"),
    ("Staff Data Scientist", "data_scientist", "lead"),
    ("Principal Data Scientist", "data_scientist", "lead"),
    ("Lead Data Engineer", "data_engineer", "lead"),
    ("Director of Data Science", "data_scientist", "manager"),
    ("Head of Machine Learning", "ml_engineer", "manager"),
    ("Manager, Data Science", "data_scientist", "manager"),
    ("Engineering Manager", "software_engineer", "manager"),
    ("Data Science Intern", "data_scientist", "intern"),
    ("Junior Data Analyst", "data_analyst", "junior"),
    ("Jr. Data Analyst", "data_analyst", "junior"),
    ("Entry Level Data Analyst", "data_analyst", "junior"),
    ("Associate Data Analyst", "data_analyst", "junior"),
    ("Graduate Data Analyst", "data_analyst", "junior"),
    ("Business Intelligence Analyst", "data_analyst", "mid"),
    ("BI Developer", "data_analyst", "mid"),
    ("Analytics Engineer", "data_engineer", "mid"),
    ("Research Scientist, NLP", "research_scientist", "mid"),
    ("Applied Scientist", "research_scientist", "mid"),
    ("Machine Learning Scientist", "research_scientist", "mid"),
    ("AI Engineer", "ai_engineer", "mid"),
    ("LLM Engineer", "ai_engineer", "mid"),
    ("Generative AI Engineer", "ai_engineer", "mid"),
    ("GenAI Engineer", "ai_engineer", "mid"),
    ("Prompt Engineer", "ai_engineer", "mid"),
    ("Software Engineer, Machine Learning", "ml_engineer", "mid"),
    ("Backend Engineer", "software_engineer", "mid"),
    ("Full Stack Developer", "software_engineer", "mid"),
    ("Software Developer", "software_engineer", "mid"),
    ("Senior Software Engineer", "software_engineer", "senior"),
    ("Firmware Engineer", "software_engineer", "mid"),
    ("Frontend Engineer", "software_engineer", "mid"),
    ("Product Manager", "other", "manager"),
    ("Business Lead", "other", "lead"),
    ("UI Designer", "other", "mid"),
    ("Account Executive", "other", "mid"),
    ("Senior Staff Engineer", "software_engineer", "lead"),
    ("VP of Data", "other", "manager"),
    ("Chief Data Officer", "other", "manager"),
    # More rules worth pinning down
    ("AI/ML Engineer", "ml_engineer", "mid"),
    ("Generative AI / NLP Engineer", "ai_engineer", "mid"),
    ("Machine Learning Engineer, LLM Inference", "ai_engineer", "mid"),
    ("NLP Engineer", "ml_engineer", "mid"),
    ("Computer Vision Engineer", "ml_engineer", "mid"),
    ("Product Manager, Machine Learning", "other", "manager"),
    ("AI Product Manager", "other", "manager"),
    ("AI Research Scientist", "research_scientist", "mid"),
    ("Research Engineer", "research_scientist", "mid"),
    ("ML Researcher", "research_scientist", "mid"),
    ("Researcher", "research_scientist", "mid"),
    ("UX Researcher", "other", "mid"),
    ("Research Data Scientist", "data_scientist", "mid"),
    ("Head of AI", "ai_engineer", "manager"),
    ("Software Engineer, AI", "ai_engineer", "mid"),
    ("Data Platform Engineer", "data_engineer", "mid"),
    ("ETL Developer", "data_engineer", "mid"),
    ("Power BI Developer", "data_analyst", "mid"),
    ("Product Analyst", "data_analyst", "mid"),
    ("Business Analyst", "data_analyst", "mid"),
    ("Financial Analyst", "other", "mid"),
    ("Security Analyst", "other", "mid"),
    ("Mechanical Engineer", "other", "mid"),
    ("Hardware Engineer", "other", "mid"),
    ("Tech Lead", "software_engineer", "lead"),
    ("Team Lead, Backend", "software_engineer", "lead"),
    ("Distinguished Engineer", "software_engineer", "lead"),
    ("Senior Manager, Data Engineering", "data_engineer", "manager"),
    ("Associate Director, Data Science", "data_scientist", "manager"),
    ("Senior Associate, Data Scientist", "data_scientist", "senior"),
    ("Data Scientist IV", "data_scientist", "senior"),
    ("Data Engineer V", "data_engineer", "senior"),
    ("Machine Learning Engineering Intern", "ml_engineer", "intern"),
    ("Summer Internship - Data Analytics", "data_analyst", "intern"),
    ("New Grad Software Engineer", "software_engineer", "junior"),
    ("Statistician", "data_scientist", "mid"),
]


# Real titles from the three data sets.
REAL = [
    # Glassdoor 2020
    ("Senior Data Scientist", "data_scientist", "senior"),
    ("Data Engineer", "data_engineer", "mid"),
    ("Sr. Data Engineer", "data_engineer", "senior"),
    ("Data Science Manager", "data_scientist", "manager"),
    ("Marketing Data Analyst", "data_analyst", "mid"),
    ("Analytics Manager - Data Mart", "data_analyst", "manager"),
    ("Research Scientist", "research_scientist", "mid"),
    ("Senior Research Scientist-Machine Learning", "research_scientist", "senior"),
    ("Pharmacovigilance Scientist (Senior Pharmacovigilance)", "other", "senior"),
    ("Medical Laboratory Scientist", "other", "mid"),
    ("R&D Specialist/ Food Scientist", "other", "mid"),
    ("Data Engineer 5 - Contract", "data_engineer", "senior"),
    ("Data Engineer 4 - Contract (Remote)", "data_engineer", "senior"),
    ("Staff Scientist-Downstream Process Development", "other", "lead"),
    ("Big Data Engineer", "data_engineer", "mid"),
    ("Chief Data Scientist", "data_scientist", "manager"),
    ("Data Scientist (Active TS SCI with Polygraph)", "data_scientist", "mid"),
    ("Data Systems Specialist 2", "other", "mid"),
    ("Software Engineer - Data Visualization", "software_engineer", "mid"),
    ("Staff Machine Learning Engineer", "ml_engineer", "lead"),
    ("Information Security Data Analyst", "data_analyst", "mid"),
    ("Machine Learning Engineer - Regulatory", "ml_engineer", "mid"),
    ("Associate Director, Platform and DevOps- Data Engineering and Aritifical Intelligence",
     "data_engineer", "manager"),
    ("Head Data Scientist – NLP lead, Novartis AI Innovation Lab", "data_scientist", "manager"),
    ("Director II, Data Science - GRM Actuarial", "data_scientist", "manager"),
    ("Clinical Data Manager", "other", "manager"),
    ("Associate Data Analyst- Graduate Development Program", "data_analyst", "junior"),
    ("Sr. Data Scientist II", "data_scientist", "senior"),
    ("Associate Environmental Scientist - Wildlife Biologist", "other", "junior"),
    ("Data Engineer - ETL", "data_engineer", "mid"),
    ("Data Engineering Analyst", "data_engineer", "mid"),
    ("Senior Director Biometrics and Clinical Data Management", "other", "manager"),
    ("Data Analyst 2 (Missionary Department)", "data_analyst", "mid"),
    ("Data Analytics Project Manager", "other", "manager"),
    ("Staff Data Scientist - Technology", "data_scientist", "lead"),
    ("Data Scientists", "data_scientist", "mid"),
    ("Clinical Scientist, Clinical Development", "other", "mid"),
    ("Sr. Data Engineer | Big Data SaaS Pipeline", "data_engineer", "senior"),
    ("Data Scientist - Research", "data_scientist", "mid"),
    # Hacker News "Who is hiring?"
    ("Founding Engineer", "software_engineer", "mid"),
    ("Full-Stack Engineer", "software_engineer", "mid"),
    ("Fullstack Engineer", "software_engineer", "mid"),
    ("DevOps Engineer", "software_engineer", "mid"),
    ("SRE", "software_engineer", "mid"),
    ("CTO", "software_engineer", "manager"),
    ("Head of Engineering", "software_engineer", "manager"),
    ("Intern", "other", "intern"),
    ("Developer Advocate", "other", "mid"),
    ("Sales Engineer", "other", "mid"),
    ("Solutions Engineer", "other", "mid"),
    ("Product Designer", "other", "mid"),
    ("Multiple Roles", "other", "mid"),
    ("AI Product Engineer", "ai_engineer", "mid"),
    ("Agentic AI Engineer", "ai_engineer", "mid"),
    ("(Senior) Software Engineer - Confidential AI", "ai_engineer", "senior"),
    ("Machine Learning & Computer Vision Engineer", "ml_engineer", "mid"),
    ("Senior Python Backend Engineer", "software_engineer", "senior"),
    ("Staff Infrastructure Engineer", "software_engineer", "lead"),
    ("Senior Product Manager, Platform", "other", "manager"),
    ("Product Manager, Data Pipeline & Integrations", "other", "manager"),
    ("Technical Product Owner", "other", "mid"),
    ("Senior/Staff UX Designer", "other", "lead"),
    ("Senior Physics Programmer", "software_engineer", "senior"),
    ("Data / Integration Engineer", "data_engineer", "mid"),
    ("Senior Security Sales Engineer", "other", "senior"),
    ("Core Database Engineer (Java, C++, Rust)", "software_engineer", "mid"),
    ("Head of Data", "other", "manager"),
    ("Data & AI Ethics Manager", "other", "manager"),
    ("Senior R&D Manager", "other", "manager"),
    ("Content Specialist", "other", "mid"),
    ("AI Researcher", "research_scientist", "mid"),
    ("Applied Machine Learning Researcher", "research_scientist", "mid"),
    ("Vulnerability Researcher", "other", "mid"),
    ("Security Researcher", "other", "mid"),
    ("Quantitative Researcher", "other", "mid"),
    ("Founding Eng (Emp #4) - Backend", "software_engineer", "mid"),
    ("Full Stack A/V Engineer", "software_engineer", "mid"),
    ("Software Engineer 3, Atlas Dedicated", "software_engineer", "senior"),
    ("SDE III", "software_engineer", "senior"),
    ("Network Engineer 1", "software_engineer", "junior"),
    ("Junior Engineer", "software_engineer", "junior"),
    ("Chief of Staff", "other", "manager"),
    # JSearch data-science snapshot 2025
    ("Data Scientist Jobs", "data_scientist", "mid"),
    ("Senior Manager, Data Science - US Card (Resiliency Intelligence)",
     "data_scientist", "manager"),
    ("(USA) Principal, Data Scientist", "data_scientist", "lead"),
    ("Principal Associate, Data Scientist, Model Risk Office", "data_scientist", "senior"),
    ("Member of Technical Staff, Experimentation Data Scientist", "data_scientist", "mid"),
    ("Intern, Data Science-Remote", "data_scientist", "intern"),
    ("Data Scientist (Data Scientist 3) 23033 Jobs", "data_scientist", "senior"),
    ("ME00432-Data Scientist 4 Jobs", "data_scientist", "senior"),
    ("Senior Data Scientist 451 Jobs", "data_scientist", "senior"),
    ("Data Scientist/Engineer - Entry/Junior Level", "data_scientist", "junior"),
    ("Geospatial Data Scientist / Machine Learning Engineer (TS cleara Jobs",
     "data_scientist", "mid"),
    ("Sr Data Scientist - Merchandise Scaling (Applied ML)", "data_scientist", "senior"),
    ("Lead Data Science With LLM and NLP", "data_scientist", "lead"),
    ("Cyber Data Science Engineer Jobs", "data_scientist", "mid"),
    ("Data Science Director", "data_scientist", "manager"),
    ("Senior Data Protection Analyst - Cyber", "other", "senior"),
    ("Business Data Analyst", "data_analyst", "mid"),
    ("Lead Data Analyst", "data_analyst", "lead"),
    ("Senior Data Scientist, Specialist Senior - SFL Scientific - Full-time",
     "data_scientist", "senior"),
    ("Data Science & Operations Research Analyst - Senior Jobs", "data_scientist", "senior"),
    ("Data Scientist Development Program (DSDP) - Entry to Mid Level ( Jobs",
     "data_scientist", "junior"),
    ("Associate Data Analyst - Temp", "data_analyst", "junior"),
    ("Sr. Data Analyst (Excel Modeler) - Locals Only", "data_analyst", "senior"),
    ("Software Engineer/Data Scientist Jobs", "data_scientist", "mid"),
    ("Mid-Level Data Analyst", "data_analyst", "mid"),
    ("Senior Data Analyst, Project Management", "data_analyst", "senior"),
    ("Senior Project Manager Data Analytics", "other", "manager"),
    ("Director Data Science", "data_scientist", "manager"),
    ("Data Scientist__ Detroit, MI (Onsite)", "data_scientist", "mid"),
    ("Data Quality Analyst", "data_analyst", "mid"),
    ("Sr. Data Privacy Analyst", "other", "senior"),
    ("Data Scientist - Civil Engineering", "data_scientist", "mid"),
]  # fmt: skip


@pytest.mark.parametrize(("title", "family", "level"), RULES + REAL)
def test_role_family_and_seniority(title: str, family: str, level: str) -> None:
    assert role_family(title) == family
    assert seniority(title) == level


@pytest.mark.parametrize("title", [None, float("nan"), pd.NA, "", "   ", "-1", "N/A"])
def test_missing_title(title: object) -> None:
    assert role_family(title) == "other"
    assert seniority(title) == "mid"


@pytest.mark.parametrize("title", ["Barista", "Nurse", "!!!", "12345", 42])
def test_unrecognised_title(title: object) -> None:
    assert role_family(title) == "other"
    assert seniority(title) == "mid"


def test_case_and_punctuation_do_not_matter() -> None:
    assert role_family("SENIOR MACHINE-LEARNING ENGINEER") == "ml_engineer"
    assert seniority("SENIOR MACHINE-LEARNING ENGINEER") == "senior"
    assert role_family("data   scientist") == "data_scientist"


def test_results_are_always_known_ids() -> None:
    titles = [t for t, _, _ in RULES + REAL]
    assert {role_family(t) for t in titles} <= set(ROLE_FAMILIES)
    assert {seniority(t) for t in titles} <= set(SENIORITIES)
