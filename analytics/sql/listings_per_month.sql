-- Listings per calendar month of their posting date; undated listings are left out.
WITH filtered AS (FILTERED_POSTINGS)
SELECT month, count(*) AS listings
FROM filtered
WHERE month IS NOT NULL
GROUP BY month
ORDER BY month
