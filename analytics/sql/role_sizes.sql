-- Filtered listings per role family; n counts those with text, the denominator of role shares.
WITH filtered AS (FILTERED_POSTINGS)
SELECT
    role_family,
    count(*) AS listings,
    count(*) FILTER (WHERE has_text) AS n,
    count(*) FILTER (WHERE has_text) < $min_role_listings AS thin
FROM filtered
GROUP BY role_family
ORDER BY n DESC, listings DESC, role_family
