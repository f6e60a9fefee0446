-- Annual salary in one currency: median and quartiles per skill, plus one overall row
-- (skill_id NULL) over every filtered listing with a figure, the baseline a skill is read against.
-- A listing's figure is the midpoint of its annual min and max, or whichever one it has.
-- quantile_cont interpolates linearly between order statistics, as pandas' quantile() does.
WITH filtered AS (FILTERED_POSTINGS),
salaried AS (
    SELECT
        f.posting_id,
        (coalesce(f.salary_annual_min, f.salary_annual_max)
            + coalesce(f.salary_annual_max, f.salary_annual_min)) / 2 AS salary
    FROM filtered AS f
    WHERE f.salary_currency = $currency
      AND coalesce(f.salary_annual_min, f.salary_annual_max) IS NOT NULL
),
per_skill AS (
    SELECT
        ps.skill_id,
        count(*) AS listings,
        quantile_cont(sa.salary, 0.5) AS median,
        quantile_cont(sa.salary, 0.25) AS q1,
        quantile_cont(sa.salary, 0.75) AS q3
    FROM salaried AS sa
    JOIN posting_skills AS ps USING (posting_id)
    GROUP BY ps.skill_id
),
rows AS (
    SELECT s.skill_id, s.name, s.category, p.listings, p.median, p.q1, p.q3
    FROM per_skill AS p
    JOIN skills AS s USING (skill_id)
    UNION ALL
    SELECT
        NULL, NULL, NULL,
        count(*),
        quantile_cont(salary, 0.5),
        quantile_cont(salary, 0.25),
        quantile_cont(salary, 0.75)
    FROM salaried
)
SELECT *, listings >= $min_listings AS shown
FROM rows
ORDER BY
    shown DESC,
    CASE WHEN shown THEN median END DESC NULLS LAST,
    listings DESC,
    name
