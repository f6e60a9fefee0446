-- Every (listing, skill) pair of the filtered listings that have text.
SELECT ps.posting_id, ps.skill_id
FROM posting_skills AS ps
JOIN filtered AS f USING (posting_id)
WHERE f.has_text
