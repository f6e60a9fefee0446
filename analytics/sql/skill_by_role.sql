-- Share of each role family's filtered listings (with text) naming $skill_id; every role with
-- such listings appears, naming the skill or not. thin: too few listings to compare.
WITH filtered AS (FILTERED_POSTINGS),
chosen AS (
    SELECT b.block, b.bits
    FROM skill_bitmaps AS b
    JOIN skills AS s USING (skill_key)
    WHERE s.skill_id = $skill_id
),
base AS (
    SELECT f.role_family, coalesce(get_bit(c.bits, f.posting_key & 65535) = 1, false) AS named
    FROM filtered AS f
    LEFT JOIN chosen AS c ON c.block = f.posting_key >> 16
    WHERE f.has_text
)
SELECT
    role_family,
    count(*) FILTER (WHERE named) AS listings,
    count(*) AS n,
    count(*) FILTER (WHERE named) / count(*) AS share,
    count(*) < $min_role_listings AS thin
FROM base
GROUP BY role_family
ORDER BY share DESC, n DESC, role_family
