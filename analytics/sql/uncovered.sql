-- The filtered listings with text of the cells not covered (cells.sql), to count one by one.
SELECT f.*
FROM filtered AS f
SEMI JOIN (SELECT month, role_family FROM cells WHERE NOT covered) AS c
    ON c.month IS NOT DISTINCT FROM f.month AND c.role_family = f.role_family
WHERE f.has_text
