-- Listings (with text) naming each skill in the last $months calendar months up to the latest
-- month with dated listings ("recent") and in the $months months before ("earlier").
-- Only skills named in either window; no rows at all when either window has no listings.
WITH filtered AS (FILTERED_POSTINGS),
dated AS (
    SELECT posting_id, has_text, date_trunc('month', posted_date)::DATE AS month
    FROM filtered
    WHERE posted_date IS NOT NULL
),
bounds AS (
    SELECT
        (max(month) - to_months($months::INTEGER))::DATE AS recent_after,
        (max(month) - to_months(2 * $months::INTEGER))::DATE AS earlier_after
    FROM dated
),
windowed AS (
    SELECT d.posting_id, d.month > b.recent_after AS recent
    FROM dated AS d
    CROSS JOIN bounds AS b
    WHERE d.has_text AND d.month > b.earlier_after
),
n AS (
    SELECT
        count(*) FILTER (WHERE recent) AS recent_n,
        count(*) FILTER (WHERE NOT recent) AS earlier_n
    FROM windowed
),
counts AS (
    SELECT
        ps.skill_id,
        count(*) FILTER (WHERE w.recent) AS recent_listings,
        count(*) FILTER (WHERE NOT w.recent) AS earlier_listings
    FROM windowed AS w
    JOIN posting_skills AS ps USING (posting_id)
    GROUP BY ps.skill_id
)
SELECT
    s.skill_id,
    s.name,
    s.category,
    c.recent_listings,
    n.recent_n,
    c.earlier_listings,
    n.earlier_n
FROM counts AS c
JOIN skills AS s USING (skill_id)
CROSS JOIN n
WHERE n.recent_n > 0 AND n.earlier_n > 0
