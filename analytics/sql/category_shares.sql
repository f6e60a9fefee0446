-- Share of filtered listings (with text) naming at least one skill of each category.
WITH filtered AS (FILTERED_POSTINGS),
base AS (SELECT posting_id FROM filtered WHERE has_text),
n AS (SELECT count(*) AS n FROM base),
counts AS (
    SELECT s.category, count(DISTINCT ps.posting_id) AS listings
    FROM posting_skills AS ps
    JOIN base USING (posting_id)
    JOIN skills AS s USING (skill_id)
    GROUP BY s.category
)
SELECT
    cat.category,
    coalesce(c.listings, 0) AS listings,
    n.n,
    coalesce(c.listings, 0) / n.n AS share
FROM (SELECT DISTINCT category FROM skills) AS cat
CROSS JOIN n
LEFT JOIN counts AS c USING (category)
WHERE n.n > 0
ORDER BY listings DESC, cat.category
