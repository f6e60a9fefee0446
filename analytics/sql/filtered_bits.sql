-- The filtered listings with text as bitmaps over posting_key, one per block of 65,536 keys, as
-- pipelines/summaries.py keeps each skill's: a skill's count among them is the sum over blocks
-- of bit_count(these bits & the skill's bits). whole: the block's every listing with text is
-- kept, so the skill's bits and count there can be taken as they are.
SELECT f.block, f.bits, coalesce(f.listings = s.with_text, false) AS whole
FROM (
    SELECT
        posting_key >> 16 AS block,
        bitstring_agg(posting_key & 65535, 0, 65535) AS bits,
        count(*) AS listings
    FROM filtered
    WHERE has_text
    GROUP BY block
) AS f
LEFT JOIN block_sizes AS s USING (block)
