-- Share of filtered listings (with text) naming at least one skill of each category.
WITH filtered AS (FILTERED_POSTINGS),
base AS (FILTERED_BITS),
n AS (SELECT count(*) AS n FROM filtered WHERE has_text),
category_bits AS (
    SELECT s.category, b.block, bit_or(b.bits) AS bits
    FROM skill_bitmaps AS b
    JOIN skills AS s USING (skill_key)
    GROUP BY s.category, b.block
),
counts AS (
    SELECT
        c.category,
        sum(
            CASE WHEN base.whole THEN bit_count(c.bits) ELSE bit_count(c.bits & base.bits) END
        )::BIGINT AS listings
    FROM category_bits AS c
    JOIN base USING (block)
    GROUP BY c.category
)
SELECT
    cat.category,
    coalesce(c.listings, 0) AS listings,
    n.n,
    coalesce(c.listings, 0) / n.n AS share
FROM (SELECT DISTINCT category FROM skills) AS cat
CROSS JOIN n
LEFT JOIN counts AS c USING (category)
WHERE n.n > 0
ORDER BY listings DESC, cat.category
