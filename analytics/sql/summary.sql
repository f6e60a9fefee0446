-- Headline figures for the filtered listings.
WITH filtered AS (FILTERED_POSTINGS),
with_skill AS (SELECT DISTINCT posting_id FROM posting_skills)
SELECT
    count(*) AS listings,
    count(*) FILTER (WHERE f.has_text) AS listings_with_text,
    count(f.posted_date) AS listings_with_date,
    min(f.posted_date) AS first_date,
    max(f.posted_date) AS last_date,
    count(DISTINCT f.dataset_id) AS datasets,
    count(*) FILTER (WHERE f.has_text AND w.posting_id IS NULL) AS listings_without_skill,
    (SELECT any_value(taxonomy_version) FROM skills) AS taxonomy_version,
    (SELECT count(*) FROM skills) AS taxonomy_skills
FROM filtered AS f
LEFT JOIN with_skill AS w USING (posting_id)
