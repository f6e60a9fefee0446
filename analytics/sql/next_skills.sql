-- The skills that, added to $known, raise coverage (see coverage.sql) most: first the listings
-- they complete (the one skill a listing still misses), then the average known part.
-- Candidates: skills the filtered listings name, not known, not in $exclude_categories.
WITH filtered AS (FILTERED_POSTINGS),
base AS (SELECT posting_id FROM filtered WHERE has_text),
per_listing AS (
    SELECT
        ps.posting_id,
        count(*) AS found,
        count(*) FILTER (WHERE NOT list_contains($known::VARCHAR[], ps.skill_id)) AS missing,
        CASE WHEN missing = 1 THEN
            any_value(ps.skill_id) FILTER (WHERE NOT list_contains($known::VARCHAR[], ps.skill_id))
        END AS only_missing
    FROM posting_skills AS ps
    JOIN base USING (posting_id)
    GROUP BY ps.posting_id
),
totals AS (
    SELECT
        count(*) AS n,
        count(*) FILTER (WHERE missing = 0) AS full_now,
        fsum((found - missing) / found) AS known_sum
    FROM per_listing
),
completes AS (
    SELECT only_missing AS skill_id, count(*) AS full_gain
    FROM per_listing
    WHERE only_missing IS NOT NULL
    GROUP BY only_missing
),
gains AS (
    SELECT ps.skill_id, count(*) AS listings, fsum(1 / pl.found) AS known_gain
    FROM posting_skills AS ps
    JOIN per_listing AS pl USING (posting_id)
    GROUP BY ps.skill_id
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
JOIN skills AS s USING (skill_id)
CROSS JOIN totals AS t
LEFT JOIN completes AS c USING (skill_id)
WHERE NOT list_contains($known::VARCHAR[], s.skill_id)
  AND NOT list_contains($exclude_categories::VARCHAR[], s.category)
-- Rounded so candidates with equal gains tie exactly whatever order the sums ran in.
ORDER BY full_gain DESC, round(average_after, 9) DESC, g.listings DESC, s.skill_id
LIMIT $limit
