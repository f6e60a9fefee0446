-- Listings in the filtered set (with text) naming $skill_id, in a fixed pseudo-random order
-- (md5 of the id), so the same view always shows the same examples. The few are picked first
-- and only their texts read: reading every candidate's description would take seconds.
WITH filtered AS (FILTERED_POSTINGS),
chosen AS (
    SELECT b.block, b.bits
    FROM skill_bitmaps AS b
    JOIN skills AS s USING (skill_key)
    WHERE s.skill_id = $skill_id
),
candidates AS (
    SELECT f.posting_key, f.posting_id, f.sample_order
    FROM filtered AS f
    JOIN chosen AS c ON c.block = f.posting_key >> 16
    WHERE f.has_text AND get_bit(c.bits, f.posting_key & 65535) = 1
),
-- sample_order holds the first 64 bits of the md5: the listings up to the $limit-th by it hold
-- the first $limit by md5, ties included, and only those need hashing.
picked AS (
    SELECT posting_key, posting_id, md5(posting_id) AS md5
    FROM candidates
    WHERE sample_order <= (
        SELECT max(sample_order)
        FROM (SELECT sample_order FROM candidates ORDER BY sample_order LIMIT $limit)
    )
    ORDER BY md5, posting_id
    LIMIT $limit
)
SELECT p.posting_id, p.title, p.company, d.name AS source, p.posted_date, p.description
FROM picked
JOIN postings AS p USING (posting_key)
JOIN datasets AS d USING (dataset_id)
ORDER BY picked.md5, picked.posting_id
