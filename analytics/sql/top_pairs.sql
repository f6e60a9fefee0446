-- The skill pairs most often named together in the filtered listings (with text), each pair once
-- (skill_a < skill_b by id); pairs seen in fewer than $min_pair_listings listings are left out.
WITH filtered AS (FILTERED_POSTINGS),
base AS (SELECT posting_id FROM filtered WHERE has_text),
n AS (SELECT count(*) AS n FROM base),
named AS (NAMED_SKILLS),
counts AS (
    SELECT s.skill_id, s.name, count(*) AS listings
    FROM named
    JOIN skills AS s USING (skill_id)
    GROUP BY s.skill_id, s.name
),
pairs AS (
    SELECT a.skill_id AS skill_a, b.skill_id AS skill_b, count(*) AS pair_listings
    FROM named AS a
    JOIN named AS b ON a.posting_id = b.posting_id AND a.skill_id < b.skill_id
    GROUP BY a.skill_id, b.skill_id
    HAVING count(*) >= $min_pair_listings
)
SELECT
    p.skill_a,
    a.name AS name_a,
    p.skill_b,
    b.name AS name_b,
    p.pair_listings,
    a.listings AS a_listings,
    b.listings AS b_listings,
    n.n,
    p.pair_listings / a.listings AS p_b_given_a,
    p.pair_listings * n.n / (a.listings * b.listings) AS lift,
    p.pair_listings / (a.listings + b.listings - p.pair_listings) AS jaccard
FROM pairs AS p
JOIN counts AS a ON a.skill_id = p.skill_a
JOIN counts AS b ON b.skill_id = p.skill_b
CROSS JOIN n
ORDER BY p.pair_listings DESC, p.skill_a, p.skill_b
LIMIT $limit
