-- Filtered listings with text: the denominator of every skill share.
WITH filtered AS (FILTERED_POSTINGS)
SELECT count(*) AS n
FROM filtered
WHERE has_text
