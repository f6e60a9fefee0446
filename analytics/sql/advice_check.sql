-- Share of filtered listings (with text) naming at least one skill of each career-advice area.
-- The area -> skill mapping arrives as two parallel lists ($areas[i] holds $area_skills[i]);
-- every area is returned, in the order it first appears, with zeros when nothing matches.
WITH filtered AS (FILTERED_POSTINGS),
base AS (SELECT posting_id FROM filtered WHERE has_text),
n AS (SELECT count(*) AS n FROM base),
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
counts AS (
    SELECT a.area, count(DISTINCT ps.posting_id) AS listings
    FROM area_skills AS a
    JOIN posting_skills AS ps USING (skill_id)
    JOIN base USING (posting_id)
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
