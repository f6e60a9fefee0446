-- Share of filtered listings (with text) naming each skill;
-- skills no listing names are left out.
WITH filtered AS (FILTERED_POSTINGS),
base AS (FILTERED_BITS),
n AS (SELECT count(*) AS n FROM filtered WHERE has_text),
counts AS (SKILL_COUNTS),
shares AS (
    SELECT s.skill_id, s.name, s.category, c.listings, n.n, c.listings / n.n AS share
    FROM counts AS c
    JOIN skills AS s USING (skill_key)
    CROSS JOIN n
    WHERE c.listings > 0
)
SELECT *
FROM shares
ORDER BY listings DESC, name
LIMIT $limit
