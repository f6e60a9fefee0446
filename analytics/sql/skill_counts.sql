-- Filtered listings with text naming each skill, by skill_key, from `base` (filtered_bits.sql):
-- read off skill_bitmaps for the blocks kept whole, counted bit by bit for the others.
SELECT skill_key, sum(listings)::BIGINT AS listings
FROM (
    SELECT b.skill_key, b.listings
    FROM skill_bitmaps AS b
    JOIN base USING (block)
    WHERE base.whole
    UNION ALL
    SELECT b.skill_key, bit_count(b.bits & base.bits)
    FROM skill_bitmaps AS b
    JOIN base USING (block)
    WHERE NOT base.whole
)
GROUP BY skill_key
