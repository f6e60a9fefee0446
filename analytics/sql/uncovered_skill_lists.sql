-- The skill lists of the listings in the `uncovered` subquery (uncovered.sql).
SELECT l.skill_keys
FROM uncovered AS u
JOIN posting_skill_lists AS l USING (posting_key)
