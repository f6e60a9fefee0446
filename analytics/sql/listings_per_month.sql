-- Listings per calendar month of their posting date; undated listings are left out.
WITH filtered AS (FILTERED_POSTINGS)
SELECT
    date_trunc('month', f.posted_date)::DATE AS month,
    count(*) AS listings
FROM filtered AS f
WHERE f.posted_date IS NOT NULL
GROUP BY month
ORDER BY month
