-- The filtered listings by cell (posting month x role family, as pipelines/summaries.py keeps
-- them). covered: the filters keep every listing of the cell, so its counts can be read from
-- cell_sizes and cell_skills; the listings of the other cells are counted one by one.
SELECT
    f.month,
    f.role_family,
    f.with_text,
    c.named,
    coalesce(f.postings = c.postings, false) AS covered
FROM (
    SELECT
        month,
        role_family,
        count(*) AS postings,
        count(*) FILTER (WHERE has_text) AS with_text
    FROM filtered
    GROUP BY month, role_family
) AS f
LEFT JOIN cell_sizes AS c ON c.month IS NOT DISTINCT FROM f.month AND c.role_family = f.role_family
