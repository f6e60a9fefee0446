-- Listings in the filtered set (with text) naming $skill_id, in a fixed pseudo-random order
-- (md5 of the id), so the same view always shows the same examples.
WITH filtered AS (FILTERED_POSTINGS)
SELECT f.posting_id, f.title, f.company, d.name AS source, f.posted_date, f.description
FROM filtered AS f
JOIN posting_skills AS ps ON ps.posting_id = f.posting_id AND ps.skill_id = $skill_id
JOIN datasets AS d ON d.dataset_id = f.dataset_id
WHERE f.has_text
ORDER BY md5(f.posting_id), f.posting_id
LIMIT $limit
