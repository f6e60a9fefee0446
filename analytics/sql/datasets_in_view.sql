-- Which datasets the filtered listings come from, so every figure can say what it rests on.
WITH filtered AS (FILTERED_POSTINGS)
SELECT
    d.dataset_id,
    d.name,
    count(*) AS listings,
    count(*) FILTER (WHERE f.has_text) AS listings_with_text,
    min(f.posted_date) AS first_date,
    max(f.posted_date) AS last_date
FROM filtered AS f
JOIN datasets AS d USING (dataset_id)
GROUP BY d.dataset_id, d.name
ORDER BY listings DESC, d.name
