-- The skills named most beyond chance (lift) alongside $skill_id in the filtered listings (with
-- text); a_listings counts listings naming $skill_id, b_listings those naming the other skill.
-- Pairs seen in fewer than $min_pair_listings listings are left out.
WITH filtered AS (FILTERED_POSTINGS),
base AS (SELECT posting_id FROM filtered WHERE has_text),
n AS (SELECT count(*) AS n FROM base),
named AS (NAMED_SKILLS),
chosen AS (SELECT posting_id FROM named WHERE skill_id = $skill_id),
a AS (SELECT count(*) AS a_listings FROM chosen),
counts AS (
    SELECT s.skill_id, s.name, s.category, count(*) AS listings
    FROM named
    JOIN skills AS s USING (skill_id)
    GROUP BY s.skill_id, s.name, s.category
),
pairs AS (
    SELECT b.skill_id, count(*) AS pair_listings
    FROM chosen
    JOIN named AS b USING (posting_id)
    WHERE b.skill_id <> $skill_id
    GROUP BY b.skill_id
    HAVING count(*) >= $min_pair_listings
)
SELECT
    c.skill_id,
    c.name,
    c.category,
    p.pair_listings,
    a.a_listings,
    c.listings AS b_listings,
    n.n,
    p.pair_listings / a.a_listings AS p_b_given_a,
    p.pair_listings * n.n / (a.a_listings * c.listings) AS lift,
    p.pair_listings / (a.a_listings + c.listings - p.pair_listings) AS jaccard
FROM pairs AS p
JOIN counts AS c USING (skill_id)
CROSS JOIN a
CROSS JOIN n
ORDER BY lift DESC, p.pair_listings DESC, c.name, c.skill_id
LIMIT $limit
