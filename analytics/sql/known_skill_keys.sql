-- The skill_keys of the skills in $known, as one list (empty when none is known).
SELECT coalesce(list(skill_key), []) AS keys
FROM skills
WHERE list_contains($known::VARCHAR[], skill_id)
