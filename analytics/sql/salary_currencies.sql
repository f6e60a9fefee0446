-- Filtered listings with an annual salary figure, per currency; figures without a currency
-- cannot be compared with any other, so they are left out.
WITH filtered AS (FILTERED_POSTINGS)
SELECT f.salary_currency AS currency, count(*) AS listings
FROM filtered AS f
WHERE f.salary_currency IS NOT NULL
  AND coalesce(f.salary_annual_min, f.salary_annual_max) IS NOT NULL
GROUP BY f.salary_currency
ORDER BY listings DESC, currency
