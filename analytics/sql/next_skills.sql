-- The skills that, added to $known, raise coverage (see coverage.sql) most: first the listings
-- they complete (the one skill a listing still misses), then the average known part.
-- Candidates: skills the filtered listings name, not known, not in $exclude_categories.
-- A skill adds 1/found to the known part of each listing naming it (cell_skills keeps the sum
-- per cell as weight); only a listing naming at most one skill more than are known can be
-- completed or be complete already, so only those are checked one by one.
WITH filtered AS (FILTERED_POSTINGS),
cells AS (FILTERED_CELLS),
uncovered AS (UNCOVERED_POSTINGS),
known AS (KNOWN_SKILL_KEYS),
uncovered_lists AS (UNCOVERED_SKILL_LISTS),
gains AS (
    SELECT skill_key, sum(listings)::BIGINT AS listings, fsum(weight) AS known_gain
    FROM (
        SELECT k.skill_key, k.listings, k.weight
        FROM cell_skills AS k
        JOIN cells AS c
            ON c.month IS NOT DISTINCT FROM k.month AND c.role_family = k.role_family
        WHERE c.covered
        UNION ALL
        SELECT unnest(skill_keys), 1, 1 / len(skill_keys)
        FROM uncovered_lists
    )
    GROUP BY skill_key
),
-- Listings that miss at most one skill: missing 0 (covered fully now) or 1 (only_missing).
near AS MATERIALIZED (
    SELECT
        len(list_filter(l.skill_keys, lambda key: NOT list_contains(k.keys, key))) AS missing,
        list_filter(l.skill_keys, lambda key: NOT list_contains(k.keys, key))[1] AS only_missing
    FROM filtered AS f
    JOIN (
        SELECT posting_key, skill_keys
        FROM posting_skill_lists
        WHERE len(skill_keys) <= len($known::VARCHAR[]) + 1
    ) AS l USING (posting_key)
    CROSS JOIN known AS k
    WHERE f.has_text
),
totals AS (
    SELECT
        (SELECT coalesce(sum(named), 0) FROM cells WHERE covered)
        + (SELECT count(*) FROM uncovered_lists) AS n,
        (SELECT count(*) FROM near WHERE missing = 0) AS full_now,
        (SELECT coalesce(fsum(known_gain), 0) FROM gains WHERE list_contains(known.keys, skill_key))
            AS known_sum
    FROM known
),
completes AS (
    SELECT only_missing AS skill_key, count(*) AS full_gain
    FROM near
    WHERE missing = 1
    GROUP BY only_missing
)
SELECT
    s.skill_id,
    s.name,
    s.category,
    g.listings,
    coalesce(c.full_gain, 0) AS full_gain,
    (t.full_now + coalesce(c.full_gain, 0)) / t.n AS full_share_after,
    (t.known_sum + g.known_gain) / t.n AS average_after
FROM gains AS g
JOIN skills AS s USING (skill_key)
CROSS JOIN totals AS t
LEFT JOIN completes AS c USING (skill_key)
WHERE NOT list_contains($known::VARCHAR[], s.skill_id)
  AND NOT list_contains($exclude_categories::VARCHAR[], s.category)
-- Rounded so candidates with equal gains tie exactly whatever order the sums ran in.
ORDER BY full_gain DESC, round(average_after, 9) DESC, g.listings DESC, s.skill_id
LIMIT $limit
