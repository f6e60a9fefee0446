-- The skill pairs most often named together in the filtered listings (with text), each pair once
-- (skill_a < skill_b by id); pairs seen in fewer than $min_pair_listings listings are left out.
WITH filtered AS (FILTERED_POSTINGS),
base AS (FILTERED_BITS),
n AS (SELECT count(*) AS n FROM filtered WHERE has_text),
counts AS (
    SELECT s.skill_key, s.skill_id, s.name, c.listings
    FROM (SKILL_COUNTS) AS c
    JOIN skills AS s USING (skill_key)
),
-- A pair is named together at most as often as its less named skill. The pairs of the few most
-- named skills (enough for $limit pairs) give $limit pairs named at least `least` times, so every
-- pair of the answer is named that often and both its skills are among the candidates: only
-- their pairs need counting.
leaders AS (
    SELECT b.*
    FROM skill_bitmaps AS b
    WHERE b.skill_key IN (
        SELECT skill_key FROM counts ORDER BY listings DESC LIMIT ceil(sqrt(2 * $limit)) + 2
    )
),
named AS NOT MATERIALIZED (NAMED_BITS),
leader_pairs AS (
    SELECT sum(bit_count(a.bits & b.bits)) AS together
    FROM named AS a
    JOIN leaders AS b ON a.block = b.block AND a.skill_key < b.skill_key
    WHERE a.skill_key IN (SELECT skill_key FROM leaders)
    GROUP BY a.skill_key, b.skill_key
),
least AS (
    SELECT min(together) AS listings
    FROM (SELECT together FROM leader_pairs ORDER BY together DESC LIMIT $limit)
    HAVING count(*) = $limit
),
candidates AS (
    SELECT skill_key, skill_id
    FROM counts
    WHERE listings >= greatest($min_pair_listings, coalesce((SELECT listings FROM least), 0))
),
pairs AS (
    SELECT
        a.skill_key AS key_a,
        b.skill_key AS key_b,
        sum(bit_count(a.bits & b.bits))::BIGINT AS pair_listings
    FROM named AS a
    JOIN candidates AS ca ON ca.skill_key = a.skill_key
    JOIN skill_bitmaps AS b ON b.block = a.block
    JOIN candidates AS cb ON cb.skill_key = b.skill_key AND ca.skill_id < cb.skill_id
    GROUP BY a.skill_key, b.skill_key
    HAVING pair_listings >= $min_pair_listings
)
SELECT
    a.skill_id AS skill_a,
    a.name AS name_a,
    b.skill_id AS skill_b,
    b.name AS name_b,
    p.pair_listings,
    a.listings AS a_listings,
    b.listings AS b_listings,
    n.n,
    p.pair_listings / a.listings AS p_b_given_a,
    p.pair_listings * n.n / (a.listings * b.listings) AS lift,
    p.pair_listings / (a.listings + b.listings - p.pair_listings) AS jaccard
FROM pairs AS p
JOIN counts AS a ON a.skill_key = p.key_a
JOIN counts AS b ON b.skill_key = p.key_b
CROSS JOIN n
ORDER BY p.pair_listings DESC, a.skill_id, b.skill_id
LIMIT $limit
