-- Each role family's own $top skills by share of its filtered listings (with text);
-- roles run largest first, skills by listings desc, then name.
WITH filtered AS (FILTERED_POSTINGS),
cells AS (FILTERED_CELLS),
uncovered AS (UNCOVERED_POSTINGS),
sizes AS (
    SELECT role_family, sum(with_text)::BIGINT AS n
    FROM cells
    GROUP BY role_family
    HAVING n > 0
),
named AS (
    SELECT k.role_family, k.skill_key, k.listings
    FROM cell_skills AS k
    JOIN cells AS c
        ON c.month IS NOT DISTINCT FROM k.month AND c.role_family = k.role_family
    WHERE c.covered
    UNION ALL
    SELECT u.role_family, unnest(l.skill_keys), 1
    FROM uncovered AS u
    JOIN posting_skill_lists AS l USING (posting_key)
),
counts AS (
    SELECT role_family, skill_key, sum(listings)::BIGINT AS listings
    FROM named
    GROUP BY role_family, skill_key
),
ranked AS (
    SELECT
        c.role_family,
        s.skill_id,
        s.name,
        c.listings,
        z.n,
        c.listings / z.n AS share,
        row_number() OVER (
            PARTITION BY c.role_family ORDER BY c.listings DESC, s.name, s.skill_id
        ) AS rank
    FROM counts AS c
    JOIN skills AS s USING (skill_key)
    JOIN sizes AS z USING (role_family)
)
SELECT role_family, skill_id, name, listings, n, share
FROM ranked
WHERE rank <= $top
ORDER BY n DESC, role_family, rank
