"""Summary tables the dashboard reads instead of posting_skills, rebuilt inside every write.

At a million listings posting_skills holds some 17M rows keyed by text: one pass over it takes
longer than a dashboard query may, and so does reading a million descriptions to see which are
empty. The same facts, by the integer keys postings.posting_key and skills.skill_key:
- postings.has_text: the listing has a description (or skills list) to read;
- postings.sample_order: the first 64 bits of md5(posting_id), the order evidence samples
  are drawn in;
- posting_skill_lists: per listing naming a skill, the skill_keys of all its skills;
- skill_bitmaps: per skill and block of 65,536 posting keys, one bit per key, set for the
  listings with text naming the skill, and their count; a skill's count among any filtered
  listings is then an AND and a bit count per block, or that count for a block the filters keep
  whole (analytics/sql/filtered_bits.sql builds the filter's bits the same way); block_sizes
  counts the listings with text per block;
- cell_sizes, cell_skills: counts per cell of listings (posting month x role family), and per
  cell and skill over the listings with text. A query reads the cells its filters keep whole
  from here and counts only the rest listing by listing (analytics/sql/cells.sql);
- salary_skills: listings per currency, annual salary figure and skill (skill_key NULL: all
  listings), from which salary quantiles are read when no filter applies.
Every write path calls refresh() in its own transaction, so readers never see them stale.
"""

from __future__ import annotations

import duckdb

REFRESH = (
    # Once per listing: reading a million descriptions, or hashing a million ids, in a query
    # costs more than the query may take.
    """UPDATE postings SET
        has_text = description IS NOT NULL,
        sample_order = ('0x' || left(md5(posting_id), 16))::UBIGINT
    WHERE has_text IS NULL OR sample_order IS NULL""",
    "DELETE FROM posting_skill_lists",
    "DELETE FROM skill_bitmaps",
    "DELETE FROM block_sizes",
    "DELETE FROM cell_sizes",
    "DELETE FROM cell_skills",
    "DELETE FROM salary_skills",
    """INSERT INTO posting_skill_lists
    SELECT p.posting_key, list(s.skill_key ORDER BY s.skill_key)
    FROM posting_skills AS ps
    JOIN postings AS p USING (posting_id)
    JOIN skills AS s USING (skill_id)
    GROUP BY p.posting_key""",
    """INSERT INTO skill_bitmaps
    SELECT
        skill_key,
        posting_key >> 16 AS block,
        bitstring_agg(posting_key & 65535, 0, 65535),
        count(*)
    FROM (
        SELECT l.posting_key, unnest(l.skill_keys) AS skill_key
        FROM posting_skill_lists AS l
        JOIN postings AS p USING (posting_key)
        WHERE p.has_text
    )
    GROUP BY skill_key, block
    ORDER BY skill_key, block""",
    """INSERT INTO block_sizes
    SELECT posting_key >> 16 AS block, count(*)
    FROM postings
    WHERE has_text
    GROUP BY block
    ORDER BY block""",
    """INSERT INTO cell_sizes
    SELECT
        date_trunc('month', p.posted_date)::DATE AS month,
        p.role_family,
        count(*),
        count(*) FILTER (WHERE p.has_text),
        count(l.posting_key) FILTER (WHERE p.has_text)
    FROM postings AS p
    LEFT JOIN posting_skill_lists AS l USING (posting_key)
    GROUP BY ALL
    ORDER BY ALL""",
    """INSERT INTO cell_skills
    SELECT month, role_family, skill_key, count(*), fsum(1 / found)
    FROM (
        SELECT
            date_trunc('month', p.posted_date)::DATE AS month,
            p.role_family,
            unnest(l.skill_keys) AS skill_key,
            len(l.skill_keys) AS found
        FROM postings AS p
        JOIN posting_skill_lists AS l USING (posting_key)
        WHERE p.has_text
    )
    GROUP BY ALL
    ORDER BY skill_key, month, role_family""",
    # The figure of analytics/sql/salaries.sql: the midpoint of annual min and max, or either.
    """INSERT INTO salary_skills
    WITH salaried AS (
        SELECT
            posting_key,
            salary_currency AS currency,
            (coalesce(salary_annual_min, salary_annual_max)
                + coalesce(salary_annual_max, salary_annual_min)) / 2 AS salary
        FROM postings
        WHERE salary_currency IS NOT NULL
          AND coalesce(salary_annual_min, salary_annual_max) IS NOT NULL
    )
    SELECT currency, salary, skill_key, count(*)
    FROM (
        SELECT sa.currency, sa.salary, unnest(l.skill_keys) AS skill_key
        FROM salaried AS sa
        JOIN posting_skill_lists AS l USING (posting_key)
        UNION ALL
        SELECT currency, salary, NULL FROM salaried
    )
    GROUP BY ALL
    ORDER BY ALL""",
)


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the summary tables from postings, posting_skills and skills."""
    for statement in REFRESH:
        con.execute(statement)
