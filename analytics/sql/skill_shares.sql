-- Share of filtered listings (with text) naming each skill;
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
SELECT *
FROM shares
ORDER BY listings DESC, name
LIMIT $limit
