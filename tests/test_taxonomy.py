"""The skill taxonomy (data/skills.toml): its structure, and the hard cases of SPEC section 4.

Sentences are copied from the real listings in shared/data/ (Glassdoor 2020, the 2025
data-science snapshot, and the Hacker News languages-and-frameworks lists). A few cases the
data has no example of are written by hand and say so. "Glued" cases are real adjacent lines
with the line break removed, as scraped exports lose it. Every expected value was decided by
reading the sentence against the definitions in SPEC section 4, not by running the matcher.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.skills import Matcher, Taxonomy, load_taxonomy

TAXONOMY_PATH = Path(__file__).resolve().parent.parent / "data" / "skills.toml"

REQUIRED_IDS = """
python r sql java cpp scala julia matlab go javascript
tensorflow pytorch keras scikit_learn jax xgboost lightgbm hugging_face pandas numpy spark langchain
mathematics linear_algebra calculus optimization probability
statistics hypothesis_testing ab_testing bayesian_methods time_series
data_structures_algorithms
machine_learning deep_learning nlp computer_vision reinforcement_learning llm mlops
aws gcp azure docker kubernetes airflow mlflow git linux
tableau power_bi excel
communication collaboration continuous_learning
""".split()

CATEGORIES = {
    "Programming languages",
    "ML frameworks & libraries",
    "Data tooling",
    "Mathematics",
    "Statistics & probability",
    "Data structures & algorithms",
    "ML methods",
    "Cloud & MLOps",
    "BI tools",
    "Collaboration & communication",
    "Continuous learning",
}


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy(TAXONOMY_PATH)


@pytest.fixture(scope="module")
def matcher(taxonomy: Taxonomy) -> Matcher:
    return Matcher(taxonomy)


# --- structure -------------------------------------------------------------------------


def test_required_ids_exist(taxonomy: Taxonomy) -> None:
    missing = sorted(set(REQUIRED_IDS) - set(taxonomy.by_id()))
    assert missing == []


def test_at_least_100_skills(taxonomy: Taxonomy) -> None:
    assert len(taxonomy.skills) >= 100


def test_every_category_is_one_of_the_eleven(taxonomy: Taxonomy) -> None:
    unknown = {
        skill.id: skill.category for skill in taxonomy.skills if skill.category not in CATEGORIES
    }
    assert unknown == {}


def test_every_category_is_used(taxonomy: Taxonomy) -> None:
    assert {skill.category for skill in taxonomy.skills} == CATEGORIES


def test_every_skill_has_a_description(taxonomy: Taxonomy) -> None:
    bare = [skill.id for skill in taxonomy.skills if len(skill.description.split()) < 8]
    assert bare == []


def test_ids_are_unique(taxonomy: Taxonomy) -> None:
    ids = [skill.id for skill in taxonomy.skills]
    assert len(ids) == len(set(ids))


def test_required_skills_sit_in_the_spec_categories(taxonomy: Taxonomy) -> None:
    by_id = taxonomy.by_id()
    assert by_id["probability"].category == "Statistics & probability"
    for skill_id in ("pandas", "numpy", "spark"):
        assert by_id[skill_id].category == "ML frameworks & libraries"
    assert by_id["communication"].category == "Collaboration & communication"
    assert by_id["collaboration"].category == "Collaboration & communication"
    assert by_id["continuous_learning"].category == "Continuous learning"


# --- hard cases --------------------------------------------------------------------------
# (sentence, {skill id: expected present}). Marks: [hand] written by hand, the data has no
# example; [glued] real adjacent lines whose line break was removed; [hn] a Hacker News
# languages_frameworks value. Unmarked sentences are copied from the full-text listings.

HARD_CASES: list[tuple[str, dict[str, bool]]] = [
    # R the language, and the R that is not.
    (
        "Experience using SQL, Python and R. Candidates should be equally strong exploring "
        "data through both SQL and BI tools.",
        {"r": True, "sql": True, "python": True},
    ),
    (
        "• Fluent in either Python or R, able to query data using SQL, has experience working "
        "with cloud based computing platforms and big data tools.",
        {"r": True, "python": True, "sql": True},
    ),
    (
        "Working knowledge of data visualization platforms (Tableau) and scripting languages (R)",
        {"r": True, "tableau": True},
    ),
    (
        "Work on cross-functional R&D teams, including ODS and business-unit data "
        "scientists/analysts, doing hands on ML research in areas such as computer vision, "
        "natural language processing, interpretable ML, and privacy preserving ML.",
        {"r": False, "machine_learning": True, "computer_vision": True, "nlp": True},
    ),
    (
        "Provide mentorship to other Data Engineers, Data Scientists and Data Specialists "
        "across R&D and Vaccines at Takeda as we elevate our data IQ across the organization.",
        {"r": False},
    ),
    ("This position is with R.J. Reynolds Tobacco Company (2004).", {"r": False}),
    (
        "Reynolds American Inc. is an indirect, wholly owned subsidiary of British American "
        "Tobacco p.l.c., and the U.S. parent company of R. J. Reynolds Tobacco Company",
        {"r": False},
    ),
    ("CORE RESPONSIBILITIES", {"r": False}),
    # [hand] the registered-trademark sign, SAP R/3 and R-squared.
    (
        "Experience with Microsoft(R) Excel and SAS(R) Enterprise Guide.",
        {"r": False, "excel": True, "sas": True},
    ),
    ("Experience extracting data from SAP R/3 and BW systems.", {"r": False}),
    ("Report model fit with R-squared and RMSE to the business.", {"r": False}),
    # Go the language, the verb, go-to-market and names.
    ("Experience with any/all of Go, Scala, Java, or Ruby is a major plus", {"go": True}),
    (
        "We’ve developed a clustered container environment in AWS using Docker and Kubernetes "
        "to manage dozens of microservices written primarily in Node and Go.",
        {"go": True, "docker": True, "kubernetes": True, "aws": True},
    ),
    (
        "deliver tested and scalable code in a language like Python, Golang, Java, or Scala.",
        {"go": True, "scala": True, "java": True},
    ),
    ("kubernetes, python, go", {"go": True, "kubernetes": True}),  # [hn]
    (
        "As a Revenue Analytics Manager, you will help define our rapid Go-To-Market expansion "
        "with insight and recommendations.",
        {"go": False},
    ),
    (
        "A successful Data Scientist Engineer - Mobile contributes to the achievement of the "
        "Digital Media Go-To Market objectives by:",
        {"go": False},
    ),
    (
        "Strong application of innovative study designs and developing milestone criteria "
        "(e.g. Go/No Go criteria)",
        {"go": False},
    ),
    ("Our benefits go beyond the basics.", {"go": False}),
    ("Go to Top", {"go": False}),
    ("Visit Go Penske to learn more.", {"go": False}),
    ("Go above and beyond for our customers every day.", {"go": False}),  # [hand]
    # Lower-case "go" counts only in a list.
    ("We go there with Python, and go-getters go far.", {"go": False, "python": True}),
    ("python (go) java", {"go": True, "python": True, "java": True}),
    ("Python,go", {"go": True}),
    ("Stack:\npython\ngo\n", {"go": True}),
    # C, C++ and C#.
    (
        "Experience in Scala, C, Python and MySQL is a plus",
        {"c": True, "cpp": False, "csharp": False, "sql": True},
    ),
    (
        "knowledge of additional programming languages is a plus (C++, Java)",
        {"cpp": True, "c": False, "java": True},
    ),
    ("Experience building applications in c# or java.", {"csharp": True, "c": False, "java": True}),
    (
        "• Strong development skills in two or more of the following: C/C++, C#, Python, Java",
        {"cpp": True, "csharp": True, "c": True},
    ),
    (
        "To help us achieve this we have the PwC Professional; our global leadership "
        "development framework.",
        {"c": False},
    ),
    (
        "Collaborating with C-Level leadership to create analytic models and developing Key "
        "Performance Indicators dashboards/reports",
        {"c": False, "collaboration": True},
    ),
    # Excel the tool and excel the verb.
    ("Minimum 1-3 years’ experience using SQL, access, and excel", {"excel": True, "sql": True}),
    (
        "Outstanding excel skills required (including pivot tables, VLOOKUP’s, etc.)",
        {"excel": True},
    ),
    (
        "Excellent computer skills; including but not limited to Excel, Word, and PowerPoint",
        {"excel": True},
    ),
    (
        "Alector is a great place to learn and experiment. If you excel in a dynamic "
        "environment where everyone is committed to finding a cure, where you’ll drive growth, "
        "this is the role for you.",
        {"excel": False},
    ),
    (
        "Do you excel at building predictive models using various data sources and techniques "
        "to inform practical business decisions?",
        {"excel": False, "predictive_modeling": True},
    ),
    (
        "we’ll offer you unrivalled opportunities for growth and the freedom to excel.",
        {"excel": False},
    ),
    # Spark the engine and spark the verb.
    ("Experience using Spark and SQL", {"spark": True, "sql": True}),
    (
        "we need a strong python and spark developer to join the talented data science team.",
        {"spark": True, "python": True},
    ),
    (
        "Our data team uses PySpark and Jupyter notebooks extensively.",
        {"spark": True, "python": True, "jupyter": True},
    ),
    (
        "we're backed by some of the smartest investors out there, including High Bar "
        "Partners, Georgian Partners, Google Ventures and Spark Capital.",
        {"spark": False},
    ),
    ("We look for people who spark curiosity and new ideas in others.", {"spark": False}),  # [hand]
    # Julia the language and Julia a person.
    (
        "Experience with one or more programming languages (Python, R, Julia)",
        {"julia": True, "r": True},
    ),
    (
        "Proficiency in at least one data science programming language (Python, R, Scala, "
        "Julia) and SQL",
        {"julia": True, "scala": True, "sql": True},
    ),
    ("Please send your questions to Julia Chen in Talent Acquisition.", {"julia": False}),  # [hand]
    # Scala the language and "at scale".
    (
        "Good working knowledge of Spark is a must (we use Scala heavily)",
        {"scala": True, "spark": True, "go": False},
    ),
    (
        "You should have experience with machine learning techniques, statistics, data mining, "
        "and an interest in building real-time predictive models at scale.",
        {"scala": False, "machine_learning": True, "statistics": True, "data_mining": True},
    ),
    (
        "Familiar with fundamental concepts, practices, and principles of software and API "
        "development, version control, containers, and scalable infrastructure/platforms",
        {"scala": False},
    ),
    # ML and AI as abbreviations.
    (
        "• Strong experience with ML algorithms and techniques (e.g., regression, "
        "classification, clustering), using ML packages in Python (such as sklearn, spaCy, "
        "NumPy, SciPy or others).",
        {
            "machine_learning": True,
            "data_structures_algorithms": False,
            "scikit_learn": True,
            "numpy": True,
            "clustering": True,
        },
    ),
    (
        "Submit your resume to ml@ck12.org with “Senior Data Scientist” in the subject line.",
        {"machine_learning": False},
    ),
    (
        "Add 5 mL of buffer to each sample before centrifugation.",  # [hand]
        {"machine_learning": False},
    ),
    (
        "H2O.ai is the open source leader in AI with a mission to democratize AI for everyone.",
        {"artificial_intelligence": True},
    ),
    (
        "AI, ML, LLMs, Salesforce",  # [hn]
        {"artificial_intelligence": True, "machine_learning": True, "llm": True},
    ),
    # TF only beside other ML context.
    (
        "• Experience implementing NLP concepts including preprocessing (stemming, etc.), "
        "TF-IDF, Named Entity Recognition, and LLMs.",
        {"tensorflow": False, "nlp": True, "llm": True},
    ),
    (
        "Hands-on experience training deep learning models in TF or PyTorch.",  # [hand]
        {"tensorflow": True, "pytorch": True},
    ),
    (
        "Coordinate schedules with the TF program office and site leads.",  # [hand]
        {"tensorflow": False},
    ),
    # Data structures and algorithms versus ML algorithms.
    (
        "Designing and implementing your own algorithms and data structures",
        {"data_structures_algorithms": True},
    ),
    (
        "Good understanding of CS fundamentals, e.g. algorithms and data structures",
        {"data_structures_algorithms": True},
    ),
    (
        "• Apply machine learning algorithms and statistical techniques to uncover hidden "
        "relationships and correlations within large first party datasets.",
        {"data_structures_algorithms": False, "machine_learning": True},
    ),
    (
        "Have a fundamental understanding of ML algorithms such as back propagation, ReLU, "
        "Bayes, Random Forests, etc.",
        {"data_structures_algorithms": False, "machine_learning": True},
    ),
    # Java versus JavaScript.
    (
        "Experience with JavaScript, node.js, JSON or equivalent",
        {"javascript": True, "java": False},
    ),
    ("Working knowledge of HTML/CSS/Javascript a plus", {"javascript": True, "java": False}),
    (
        "Experience with Java and/or a strong desire to learn Java",
        {"java": True, "javascript": False},
    ),
    # SQL versus NoSQL; Snowflake, BigQuery and Redshift alone are not SQL.
    ("Familiarity with NoSQL databases", {"sql": False, "nosql": True}),
    (
        "• Experience with SQL and NoSQL databases, and data processing frameworks (e.g., "
        "Spark, Hadoop).",
        {"sql": True, "nosql": True, "spark": True, "hadoop": True},
    ),
    ("Experience with relational and noSQL databases,", {"sql": True, "nosql": True}),
    (
        "• Big Plus: Experience with data warehouses (e.g. Snowflake, Big Query, Redshift)",
        {"sql": False, "gcp": True, "aws": True, "snowflake": True},
    ),
    # Named products count for their skill.
    ("5+ years of experience with Postgresql", {"sql": True}),
    (
        "Familiarity with five of the following: Spark, MySQL, PostgreSQL, EMR, S3, Redshift, "
        "Airflow, Presto, Hive, Kafka, RabbitMQ, Map Reduce",
        {"aws": True, "sql": True, "airflow": True, "spark": True, "kafka": True},
    ),
    (
        "• Healthcare information technology experience specific to electronic medical records "
        "(EMR), clinician notes, imaging, laboratory, pathology, and medication administration",
        {"aws": False},
    ),
    (
        "Knowledge of applicable regulatory rules and guidelines, e.g., ICH, GCP, HIPAA",
        {"gcp": False},
    ),
    # Experimentation and statistical significance.
    (
        "• Lead experimentation thoughtfully: guide the team on when and when not to "
        "experiment, help enable self-serve experimentation, and focus on frequent, small "
        "experiments to speed learning.",
        {"ab_testing": True},
    ),
    (
        "Competent understanding of statistical principles (eg. statistical significance).",
        {"hypothesis_testing": True, "statistics": True},
    ),
    # Mathematical optimisation versus optimising things.
    ("• Experience in constrained optimization theory.", {"optimization": True}),
    ("Run SQL explains on queries for query optimization", {"optimization": False, "sql": True}),
    # Communication and collaboration asked as skills, and the words used otherwise.
    ("Excellent written and verbal communication skills.", {"communication": True}),
    (
        "• Proven ability to communicate technical details to a non-technical audience.",
        {"communication": True},
    ),
    (
        "All communication regarding recruitment for a Guidehouse position will be sent from "
        "Guidehouse email domains including @guidehouse.com",
        {"communication": False},
    ),
    ("Collaborate with engineering and product development teams", {"collaboration": True}),
    (
        "A team player, who listens effectively, invites response and discussion",
        {"collaboration": True},
    ),
    ("Applicant must be able to work in a team environment", {"collaboration": True}),
    (
        "regression analysis, agent-based modeling, ensemble models, collaborative filtering "
        "and other types of analysis",
        {"collaboration": False, "recommender_systems": True, "regression": True},
    ),
    # Continuous learning, MLOps, LLMs, mathematics.
    ("Ability to quickly learn new tools and technology", {"continuous_learning": True}),
    (
        "Stay current with emerging trends in machine learning, deep learning and natural "
        "language processing",
        {"continuous_learning": True, "deep_learning": True, "nlp": True},
    ),
    ("Experience deploying machine learning models in a production environment", {"mlops": True}),
    (
        "· Exposure to LLM fine-tuning, retrieval-augmented generation (RAG), NLP applications.",
        {"llm": True, "rag": True, "nlp": True},
    ),
    (
        "Bachelor's degree in marketing, math, statistics, finance, or related analytical field",
        {"mathematics": True, "statistics": True},
    ),
    # Words glued by lost line breaks, version suffixes, and skills inside ordinary words.
    (
        "Proficiency in SQLExperience implementing and interpreting the results of statistical "
        "models",  # [glued]
        {"sql": True, "statistics": True},
    ),
    (
        "Expertise in Python or RStrong communication skills, with the ability to defend "
        "choices made during model development",  # [glued]
        {"r": True, "python": True, "communication": True},
    ),
    ("Python or RAbility to work independently", {"r": True, "python": True}),  # [hand] [glued]
    (
        "Tableau experience preferredAWS certification or proven experience in a cloud "
        "computing environment",  # [glued]
        {"aws": True, "tableau": True},
    ),
    (
        "Experience with PythonExperience with machine learning or statistics",  # [glued]
        {"python": True},
    ),
    ("Fluency in Python. Python3 experience preferred", {"python": True}),
    (
        "Django, Python3, React Native, React JS, TypeScript, AWS",  # [hn]
        {"python": True, "django": True, "react": True, "typescript": True, "aws": True},
    ),
    (
        "Database skills (Snowflake, MySQL) experience preferredTableau",  # [glued]
        {"tableau": True, "sql": True},
    ),
]


def _flatten(cases: list[tuple[str, dict[str, bool]]]) -> list[pytest.param]:
    params = []
    for number, (sentence, expected) in enumerate(cases):
        for skill_id, present in expected.items():
            word = "has" if present else "not"
            params.append(
                pytest.param(sentence, skill_id, present, id=f"{number:02d}-{word}-{skill_id}")
            )
    return params


@pytest.mark.parametrize(("sentence", "skill_id", "present"), _flatten(HARD_CASES))
def test_hard_case(matcher: Matcher, sentence: str, skill_id: str, present: bool) -> None:
    assert (skill_id in matcher.skills_in(sentence)) is present


def test_hard_cases_name_known_skills(taxonomy: Taxonomy) -> None:
    known = set(taxonomy.by_id())
    named = {skill_id for _, expected in HARD_CASES for skill_id in expected}
    assert named - known == set()


def test_at_least_60_hard_cases() -> None:
    assert len(_flatten(HARD_CASES)) >= 60


def test_a_posting_counts_a_skill_once(matcher: Matcher) -> None:
    text = "Python, SQL and more Python; python3 scripts and SQL Server."
    assert matcher.skills_in(text) == ["python", "sql"]
