-- Monthly share of dated listings (with text) naming each requested skill, on a complete
-- month x skill grid: a month with no listings is a row with n = 0, not a gap the chart bridges.
-- Undated listings are left out; unknown skill ids are dropped.
WITH filtered AS (FILTERED_POSTINGS),
cells AS (FILTERED_CELLS),
uncovered AS (UNCOVERED_POSTINGS),
dated AS (
    SELECT month, sum(with_text) AS n
    FROM cells
    WHERE month IS NOT NULL
    GROUP BY month
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
    SELECT m.month, coalesce(d.n, 0) AS n
    FROM months AS m
    LEFT JOIN dated AS d USING (month)
),
requested AS (
    SELECT
        unnest($skill_ids::VARCHAR[]) AS skill_id,
        generate_subscripts($skill_ids::VARCHAR[], 1) AS position
),
wanted AS (
    SELECT r.skill_id, s.skill_key, s.name, min(r.position) AS position
    FROM requested AS r
    JOIN skills AS s USING (skill_id)
    GROUP BY r.skill_id, s.skill_key, s.name
),
wanted_bits AS MATERIALIZED (
    SELECT b.*
    FROM skill_bitmaps AS b
    JOIN wanted AS w USING (skill_key)
),
counts AS (
    SELECT month, skill_key, sum(listings) AS listings
    FROM (
        SELECT k.month, k.skill_key, k.listings
        FROM cell_skills AS k
        JOIN cells AS c USING (month, role_family)
        WHERE c.covered AND k.skill_key IN (SELECT skill_key FROM wanted)
        UNION ALL
        SELECT u.month, b.skill_key, 1
        FROM uncovered AS u
        JOIN wanted_bits AS b ON b.block = u.posting_key >> 16
        WHERE u.month IS NOT NULL AND get_bit(b.bits, u.posting_key & 65535) = 1
    )
    GROUP BY month, skill_key
)
SELECT
    n.month,
    w.skill_id,
    w.name,
    coalesce(c.listings, 0)::BIGINT AS listings,
    n.n::BIGINT AS n,
    coalesce(c.listings, 0) / n.n AS share
FROM wanted AS w
CROSS JOIN n
LEFT JOIN counts AS c ON c.skill_key = w.skill_key AND c.month = n.month
ORDER BY w.position, n.month
