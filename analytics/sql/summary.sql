-- Headline figures for the filtered listings.
WITH filtered AS (FILTERED_POSTINGS),
base AS (FILTERED_BITS),
-- Listings with text naming any skill: the union of all skills' bits.
named AS (
    SELECT coalesce(sum(
        CASE WHEN base.whole THEN bit_count(a.bits) ELSE bit_count(a.bits & base.bits) END
    ), 0)::BIGINT AS listings
    FROM (SELECT block, bit_or(bits) AS bits FROM skill_bitmaps GROUP BY block) AS a
    JOIN base USING (block)
)
SELECT
    count(*) AS listings,
    count(*) FILTER (WHERE f.has_text) AS listings_with_text,
    count(f.posted_date) AS listings_with_date,
    min(f.posted_date) AS first_date,
    max(f.posted_date) AS last_date,
    count(DISTINCT f.dataset_id) AS datasets,
    count(*) FILTER (WHERE f.has_text) - (SELECT listings FROM named) AS listings_without_skill,
    (SELECT any_value(taxonomy_version) FROM skills) AS taxonomy_version,
    (SELECT count(*) FROM skills) AS taxonomy_skills
FROM filtered AS f
