-- Share of filtered listings (with text) naming each skill, with a 95% Wilson interval;
-- skills no listing names are left out.
WITH filtered AS (FILTERED_POSTINGS),
base AS (SELECT posting_id FROM filtered WHERE has_text),
n AS (SELECT count(*) AS n FROM base),
counts AS (
    SELECT ps.skill_id, count(*) AS listings
    FROM posting_skills AS ps
    JOIN base USING (posting_id)
    GROUP BY ps.skill_id
),
shares AS (
    SELECT s.skill_id, s.name, s.category, c.listings, n.n, c.listings / n.n AS share
    FROM counts AS c
    JOIN skills AS s USING (skill_id)
    CROSS JOIN n
)
SELECT
    *,
    -- Wilson score interval, z = 1.96.
    (share + 1.9208 / n - 1.96 * sqrt(share * (1 - share) / n + 0.9604 / (n * n)))
        / (1 + 3.8416 / n) AS ci_low,
    (share + 1.9208 / n + 1.96 * sqrt(share * (1 - share) / n + 0.9604 / (n * n)))
        / (1 + 3.8416 / n) AS ci_high
FROM shares
ORDER BY listings DESC, name
LIMIT $limit
