-- Monthly share of dated listings (with text) naming each requested skill, on a complete
-- month x skill grid: a month with no listings is a row with n = 0, not a gap the chart bridges.
-- Undated listings are left out; unknown skill ids are dropped.
WITH filtered AS (FILTERED_POSTINGS),
dated AS (
    SELECT posting_id, has_text, date_trunc('month', posted_date)::DATE AS month
    FROM filtered
    WHERE posted_date IS NOT NULL
),
months AS (
    SELECT range::DATE AS month
    FROM range(
        (SELECT min(month) FROM dated),
        (SELECT max(month) FROM dated) + INTERVAL 1 MONTH,
        INTERVAL 1 MONTH
    )
),
n AS (
    SELECT m.month, count(d.posting_id) AS n
    FROM months AS m
    LEFT JOIN dated AS d ON d.month = m.month AND d.has_text
    GROUP BY m.month
),
requested AS (
    SELECT
        unnest($skill_ids::VARCHAR[]) AS skill_id,
        generate_subscripts($skill_ids::VARCHAR[], 1) AS position
),
wanted AS (
    SELECT r.skill_id, s.name, min(r.position) AS position
    FROM requested AS r
    JOIN skills AS s USING (skill_id)
    GROUP BY r.skill_id, s.name
),
counts AS (
    SELECT d.month, ps.skill_id, count(*) AS listings
    FROM dated AS d
    JOIN posting_skills AS ps USING (posting_id)
    WHERE d.has_text AND ps.skill_id IN (SELECT skill_id FROM wanted)
    GROUP BY d.month, ps.skill_id
)
SELECT
    n.month,
    w.skill_id,
    w.name,
    coalesce(c.listings, 0) AS listings,
    n.n,
    coalesce(c.listings, 0) / n.n AS share
FROM wanted AS w
CROSS JOIN n
LEFT JOIN counts AS c ON c.skill_id = w.skill_id AND c.month = n.month
ORDER BY w.position, n.month
