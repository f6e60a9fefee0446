-- Listings (with text) naming each skill in the last $months calendar months up to the latest
-- month with dated listings ("recent") and in the $months months before ("earlier").
-- Only skills named in either window; no rows at all when either window has no listings.
WITH filtered AS (FILTERED_POSTINGS),
cells AS (FILTERED_CELLS),
bounds AS (
    SELECT
        (max(month) - to_months($months::INTEGER))::DATE AS recent_after,
        (max(month) - to_months(2 * $months::INTEGER))::DATE AS earlier_after
    FROM cells
),
windowed AS (
    SELECT c.*, c.month > b.recent_after AS recent
    FROM cells AS c
    CROSS JOIN bounds AS b
    WHERE c.month > b.earlier_after
),
n AS (
    SELECT
        coalesce(sum(with_text) FILTER (WHERE recent), 0) AS recent_n,
        coalesce(sum(with_text) FILTER (WHERE NOT recent), 0) AS earlier_n
    FROM windowed
),
named AS (
    SELECT k.skill_key, w.recent, k.listings
    FROM cell_skills AS k
    JOIN windowed AS w USING (month, role_family)
    WHERE w.covered
    UNION ALL
    -- The listings of the cells not covered (see cells.sql), one by one.
    SELECT unnest(l.skill_keys), w.recent, 1
    FROM filtered AS f
    JOIN windowed AS w USING (month, role_family)
    JOIN posting_skill_lists AS l USING (posting_key)
    WHERE f.has_text AND NOT w.covered
),
counts AS (
    SELECT
        skill_key,
        coalesce(sum(listings) FILTER (WHERE recent), 0)::BIGINT AS recent_listings,
        coalesce(sum(listings) FILTER (WHERE NOT recent), 0)::BIGINT AS earlier_listings
    FROM named
    GROUP BY skill_key
)
SELECT
    s.skill_id,
    s.name,
    s.category,
    c.recent_listings,
    n.recent_n::BIGINT AS recent_n,
    c.earlier_listings,
    n.earlier_n::BIGINT AS earlier_n
FROM counts AS c
JOIN skills AS s USING (skill_key)
CROSS JOIN n
WHERE n.recent_n > 0 AND n.earlier_n > 0
