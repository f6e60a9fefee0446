-- Each role family's own $top skills by share of its filtered listings (with text);
-- roles run largest first, skills by listings desc, then name.
WITH filtered AS (FILTERED_POSTINGS),
base AS (SELECT posting_id, role_family FROM filtered WHERE has_text),
sizes AS (SELECT role_family, count(*) AS n FROM base GROUP BY role_family),
counts AS (
    SELECT b.role_family, ps.skill_id, count(*) AS listings
    FROM posting_skills AS ps
    JOIN base AS b USING (posting_id)
    GROUP BY b.role_family, ps.skill_id
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
    JOIN skills AS s USING (skill_id)
    JOIN sizes AS z USING (role_family)
)
SELECT role_family, skill_id, name, listings, n, share
FROM ranked
WHERE rank <= $top
ORDER BY n DESC, role_family, rank
