-- How far the skills $known cover the filtered listings (with text) that name at least one
-- skill: fully (every skill a listing names is known) and on average (the known part of each).
WITH filtered AS (FILTERED_POSTINGS),
base AS (SELECT posting_id FROM filtered WHERE has_text),
per_listing AS (
    SELECT
        ps.posting_id,
        count(*) AS found,
        count(*) FILTER (WHERE list_contains($known::VARCHAR[], ps.skill_id)) AS known
    FROM posting_skills AS ps
    JOIN base USING (posting_id)
    GROUP BY ps.posting_id
)
SELECT
    count(*) AS n,
    count(*) FILTER (WHERE known = found) AS full,
    CASE WHEN count(*) > 0 THEN count(*) FILTER (WHERE known = found) / count(*) END
        AS full_share,
    avg(known / found) AS average_share
FROM per_listing
