-- Annual salary in one currency: median and quartiles per skill, plus one overall row
-- (skill_id NULL) over every filtered listing with a figure, the baseline a skill is read against.
-- A listing's figure is the midpoint of its annual min and max, or whichever one it has.
-- Quantiles are read off the count of listings per figure: with no filter from salary_skills
-- (pipelines/summaries.py), else counted here. As quantile_cont and pandas' quantile(), they
-- interpolate linearly between the order statistics around (count - 1) * q.
WITH filtered AS (FILTERED_POSTINGS),
whole AS (
    SELECT (SELECT count(*) FROM filtered) = (SELECT count(*) FROM postings) AS covered
),
salaried AS (
    SELECT
        f.posting_key,
        (coalesce(f.salary_annual_min, f.salary_annual_max)
            + coalesce(f.salary_annual_max, f.salary_annual_min)) / 2 AS salary
    FROM filtered AS f
    WHERE f.salary_currency = $currency
      AND coalesce(f.salary_annual_min, f.salary_annual_max) IS NOT NULL
      AND NOT (SELECT covered FROM whole)
),
figures AS (
    SELECT skill_key, salary, listings
    FROM salary_skills
    WHERE currency = $currency AND (SELECT covered FROM whole)
    UNION ALL
    SELECT skill_key, salary, count(*)
    FROM (
        SELECT sa.salary, unnest(l.skill_keys) AS skill_key
        FROM salaried AS sa
        JOIN posting_skill_lists AS l USING (posting_key)
        UNION ALL
        SELECT salary, NULL FROM salaried
    )
    GROUP BY ALL
),
-- Per skill (NULL: overall) and figure: the listings at or below it, and in all.
ranked AS (
    SELECT
        skill_key,
        salary,
        sum(listings) OVER (PARTITION BY skill_key ORDER BY salary) AS upto,
        sum(listings) OVER (PARTITION BY skill_key) AS total
    FROM figures
),
-- The figure at 0-based position i is the smallest with more than i listings at or below it.
quantiles AS (
    SELECT
        skill_key,
        q,
        total,
        position,
        min(salary) FILTER (WHERE upto > floor(position)) AS below,
        min(salary) FILTER (WHERE upto > ceil(position)) AS above
    FROM (
        SELECT r.*, q.q, (r.total - 1) * q.q AS position
        FROM ranked AS r
        CROSS JOIN (VALUES (0.25::DOUBLE), (0.5::DOUBLE), (0.75::DOUBLE)) AS q(q)
    )
    GROUP BY skill_key, q, total, position
),
per_skill AS (
    SELECT
        skill_key,
        any_value(total)::BIGINT AS listings,
        any_value(below + (above - below) * (position - floor(position))) FILTER (WHERE q = 0.5)
            AS median,
        any_value(below + (above - below) * (position - floor(position))) FILTER (WHERE q = 0.25)
            AS q1,
        any_value(below + (above - below) * (position - floor(position))) FILTER (WHERE q = 0.75)
            AS q3
    FROM quantiles
    GROUP BY skill_key
),
rows AS (
    SELECT s.skill_id, s.name, s.category, p.listings, p.median, p.q1, p.q3
    FROM per_skill AS p
    JOIN skills AS s USING (skill_key)
    UNION ALL
    SELECT NULL, NULL, NULL, coalesce(p.listings, 0), p.median, p.q1, p.q3
    FROM (SELECT 1) AS one
    LEFT JOIN per_skill AS p ON p.skill_key IS NULL
)
SELECT *, listings >= $min_listings AS shown
FROM rows
ORDER BY
    shown DESC,
    CASE WHEN shown THEN median END DESC NULLS LAST,
    listings DESC,
    name
