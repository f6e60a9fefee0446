-- Every ordered pair (A, B), A <> B, of the $top skills most named in the filtered listings
-- (with text), zero pairs included so a heatmap has every cell. Rows run in rank order of A,
-- then of B (rank as in skill_shares.sql: listings desc, then name).
WITH filtered AS (FILTERED_POSTINGS),
base AS (FILTERED_BITS),
n AS (SELECT count(*) AS n FROM filtered WHERE has_text),
counts AS (SKILL_COUNTS),
top_skills AS (
    SELECT
        s.skill_key,
        s.skill_id,
        s.name,
        c.listings,
        row_number() OVER (ORDER BY c.listings DESC, s.name, s.skill_id) AS rank
    FROM counts AS c
    JOIN skills AS s USING (skill_key)
    WHERE c.listings > 0
    QUALIFY rank <= $top
),
named AS NOT MATERIALIZED (NAMED_BITS),
top_bits AS (SELECT * FROM skill_bitmaps WHERE skill_key IN (SELECT skill_key FROM top_skills)),
-- Each unordered pair once (by key), then both ways round.
pairs AS (
    SELECT a.skill_key AS key_a, b.skill_key AS key_b, sum(bit_count(a.bits & b.bits)) AS together
    FROM named AS a
    JOIN top_bits AS b ON a.block = b.block AND a.skill_key < b.skill_key
    WHERE a.skill_key IN (SELECT skill_key FROM top_skills)
    GROUP BY a.skill_key, b.skill_key
),
both_ways AS (
    SELECT key_a, key_b, together FROM pairs
    UNION ALL
    SELECT key_b, key_a, together FROM pairs
),
cells AS (
    SELECT
        a.rank AS rank_a,
        b.rank AS rank_b,
        a.skill_id AS skill_a,
        a.name AS name_a,
        b.skill_id AS skill_b,
        b.name AS name_b,
        coalesce(p.together, 0)::BIGINT AS together,
        a.listings AS a_listings,
        b.listings AS b_listings
    FROM top_skills AS a
    JOIN top_skills AS b ON a.skill_key <> b.skill_key
    LEFT JOIN both_ways AS p ON p.key_a = a.skill_key AND p.key_b = b.skill_key
)
SELECT
    c.skill_a,
    c.name_a,
    c.skill_b,
    c.name_b,
    c.together AS pair_listings,
    c.a_listings,
    c.b_listings,
    n.n,
    c.together / c.a_listings AS p_b_given_a,
    c.together * n.n / (c.a_listings * c.b_listings) AS lift,
    c.together / (c.a_listings + c.b_listings - c.together) AS jaccard
FROM cells AS c
CROSS JOIN n
ORDER BY c.rank_a, c.rank_b
