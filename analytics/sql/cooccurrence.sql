-- Every ordered pair (A, B), A <> B, of the $top skills most named in the filtered listings
-- (with text), zero pairs included so a heatmap has every cell. Rows run in rank order of A,
-- then of B (rank as in skill_shares.sql: listings desc, then name).
WITH filtered AS (FILTERED_POSTINGS),
base AS (SELECT posting_id FROM filtered WHERE has_text),
n AS (SELECT count(*) AS n FROM base),
named AS (NAMED_SKILLS),
top_skills AS (
    SELECT
        s.skill_id,
        s.name,
        count(*) AS listings,
        row_number() OVER (ORDER BY count(*) DESC, s.name, s.skill_id) AS rank
    FROM named
    JOIN skills AS s USING (skill_id)
    GROUP BY s.skill_id, s.name
    QUALIFY rank <= $top
),
top_named AS (SELECT * FROM named WHERE skill_id IN (SELECT skill_id FROM top_skills)),
pairs AS (
    SELECT a.skill_id AS skill_a, b.skill_id AS skill_b, count(*) AS pair_listings
    FROM top_named AS a
    JOIN top_named AS b ON a.posting_id = b.posting_id AND a.skill_id <> b.skill_id
    GROUP BY a.skill_id, b.skill_id
),
cells AS (
    SELECT
        a.rank AS rank_a,
        b.rank AS rank_b,
        a.skill_id AS skill_a,
        a.name AS name_a,
        b.skill_id AS skill_b,
        b.name AS name_b,
        coalesce(p.pair_listings, 0) AS together,
        a.listings AS a_listings,
        b.listings AS b_listings
    FROM top_skills AS a
    JOIN top_skills AS b ON a.skill_id <> b.skill_id
    LEFT JOIN pairs AS p ON p.skill_a = a.skill_id AND p.skill_b = b.skill_id
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
