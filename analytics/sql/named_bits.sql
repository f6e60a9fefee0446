-- Each skill's bits among the filtered listings with text (`base`, filtered_bits.sql), by block:
-- the skill's own bits where the filters keep the block whole, else their AND with the filter's.
SELECT b.skill_key, b.block, CASE WHEN base.whole THEN b.bits ELSE b.bits & base.bits END AS bits
FROM skill_bitmaps AS b
JOIN base USING (block)
