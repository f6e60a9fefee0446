-- The skills named most beyond chance (lift) alongside $skill_id in the filtered listings (with
-- text); a_listings counts listings naming $skill_id, b_listings those naming the other skill.
-- Pairs seen in fewer than $min_pair_listings listings are left out.
WITH filtered AS (FILTERED_POSTINGS),
-- Built once for its three readers (n, chosen, counts): with a filter on, building it means
-- reading the filtered listings, which once is a fifth of this query's time at 1M listings.
base AS MATERIALIZED (FILTERED_BITS),
n AS (SELECT coalesce(sum(bit_count(bits)), 0)::BIGINT AS n FROM base),
-- The listings naming $skill_id among them.
chosen AS (
    SELECT n.block, n.bits
    FROM (NAMED_BITS) AS n
    JOIN skills AS s USING (skill_key)
    WHERE s.skill_id = $skill_id
),
a AS (SELECT coalesce(sum(bit_count(bits)), 0)::BIGINT AS a_listings FROM chosen),
counts AS (SKILL_COUNTS),
pairs AS (
    SELECT b.skill_key, sum(bit_count(chosen.bits & b.bits))::BIGINT AS pair_listings
    FROM chosen
    JOIN skill_bitmaps AS b USING (block)
    JOIN skills AS s USING (skill_key)
    WHERE s.skill_id <> $skill_id
    GROUP BY b.skill_key
    HAVING pair_listings >= $min_pair_listings
)
SELECT
    c.skill_id,
    c.name,
    c.category,
    p.pair_listings,
    a.a_listings,
    k.listings AS b_listings,
    n.n,
    p.pair_listings / a.a_listings AS p_b_given_a,
    p.pair_listings * n.n / (a.a_listings * k.listings) AS lift,
    p.pair_listings / (a.a_listings + k.listings - p.pair_listings) AS jaccard
FROM pairs AS p
JOIN counts AS k USING (skill_key)
JOIN skills AS c USING (skill_key)
CROSS JOIN a
CROSS JOIN n
ORDER BY lift DESC, p.pair_listings DESC, c.name, c.skill_id
LIMIT $limit
