-- Share of each role family's filtered listings (with text) naming $skill_id; every role with
-- such listings appears, naming the skill or not. thin: too few listings to compare.
WITH filtered AS (FILTERED_POSTINGS),
base AS (SELECT posting_id, role_family FROM filtered WHERE has_text),
named AS (SELECT posting_id FROM posting_skills WHERE skill_id = $skill_id)
SELECT
    b.role_family,
    count(named.posting_id) AS listings,
    count(*) AS n,
    count(named.posting_id) / count(*) AS share,
    count(*) < $min_role_listings AS thin
FROM base AS b
LEFT JOIN named USING (posting_id)
GROUP BY b.role_family
ORDER BY share DESC, n DESC, b.role_family
