-- Share of filtered listings (with text) naming at least one skill of each career-advice area.
-- The area -> skill mapping arrives as two parallel lists ($areas[i] holds $area_skills[i]);
-- every area is returned, in the order it first appears, with zeros when nothing matches.
WITH filtered AS (FILTERED_POSTINGS),
base AS (FILTERED_BITS),
n AS (SELECT count(*) AS n FROM filtered WHERE has_text),
area_skills AS (
    SELECT
        unnest($areas::VARCHAR[]) AS area,
        unnest($area_skills::VARCHAR[]) AS skill_id,
        generate_subscripts($areas::VARCHAR[], 1) AS position
),
areas AS (
    SELECT
        area,
        min(position) AS position,
        string_agg(skill_id, ', ' ORDER BY position) AS skill_ids
    FROM area_skills
    GROUP BY area
),
area_bits AS (
    SELECT a.area, b.block, bit_or(b.bits) AS bits
    FROM area_skills AS a
    JOIN skills AS s USING (skill_id)
    JOIN skill_bitmaps AS b USING (skill_key)
    GROUP BY a.area, b.block
),
counts AS (
    SELECT
        a.area,
        sum(
            CASE WHEN base.whole THEN bit_count(a.bits) ELSE bit_count(a.bits & base.bits) END
        )::BIGINT AS listings
    FROM area_bits AS a
    JOIN base USING (block)
    GROUP BY a.area
)
SELECT
    a.area,
    a.skill_ids,
    coalesce(c.listings, 0) AS listings,
    n.n,
    coalesce(c.listings, 0) / n.n AS share
FROM areas AS a
CROSS JOIN n
LEFT JOIN counts AS c USING (area)
ORDER BY a.position
