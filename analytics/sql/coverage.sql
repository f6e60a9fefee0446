-- How far the skills $known cover the filtered listings (with text) that name at least one
-- skill: fully (every skill a listing names is known) and on average (the known part of each).
-- The average is the sum over known skills of 1/found over the listings naming them (cell_skills
-- keeps it per cell as weight); only a listing naming at most as many skills as are known can be
-- covered fully, so only those are checked one by one.
WITH filtered AS (FILTERED_POSTINGS),
cells AS (FILTERED_CELLS),
uncovered AS (UNCOVERED_POSTINGS),
known AS (KNOWN_SKILL_KEYS),
uncovered_lists AS (UNCOVERED_SKILL_LISTS),
n AS (
    SELECT
        (SELECT coalesce(sum(named), 0) FROM cells WHERE covered)
        + (SELECT count(*) FROM uncovered_lists) AS n
),
known_sum AS (
    SELECT coalesce(sum(k.weight), 0) AS known_sum
    FROM cell_skills AS k
    JOIN cells AS c ON c.month IS NOT DISTINCT FROM k.month AND c.role_family = k.role_family
    WHERE c.covered AND list_contains((SELECT keys FROM known), k.skill_key)
    UNION ALL
    SELECT coalesce(sum(1 / found), 0)
    FROM (SELECT unnest(skill_keys) AS skill_key, len(skill_keys) AS found FROM uncovered_lists)
    WHERE list_contains((SELECT keys FROM known), skill_key)
),
complete AS (
    SELECT count(*) AS full
    FROM filtered AS f
    JOIN (
        SELECT posting_key, skill_keys
        FROM posting_skill_lists
        WHERE len(skill_keys) <= len($known::VARCHAR[])
    ) AS l USING (posting_key)
    CROSS JOIN known AS k
    WHERE f.has_text
      AND len(list_filter(l.skill_keys, lambda key: NOT list_contains(k.keys, key))) = 0
)
SELECT
    n.n,
    c.full,
    CASE WHEN n.n > 0 THEN c.full / n.n END AS full_share,
    CASE WHEN n.n > 0 THEN (SELECT sum(known_sum) FROM known_sum) / n.n END AS average_share
FROM n
CROSS JOIN complete AS c
