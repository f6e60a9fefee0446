-- The listings that match the shared filters. Every dashboard query starts from this.
-- has_text (kept by pipelines/summaries.py): the listing has a description or skills list to
-- read; skill shares count only these, so a title-only listing is not counted as "asks for no
-- skills". month: the first day of the month posted (NULL when undated), reckoned from the day
-- of the month because that is several times cheaper than date_trunc.
SELECT p.*, p.posted_date - (day(p.posted_date) - 1)::INTEGER AS month
FROM postings AS p
WHERE ($date_from::DATE IS NULL OR p.posted_date >= $date_from::DATE)
  AND ($date_to::DATE IS NULL OR p.posted_date <= $date_to::DATE)
  AND (len($role_families::VARCHAR[]) = 0 OR list_contains($role_families::VARCHAR[], p.role_family))
  AND (len($seniorities::VARCHAR[]) = 0 OR list_contains($seniorities::VARCHAR[], p.seniority))
  AND (len($countries::VARCHAR[]) = 0 OR list_contains($countries::VARCHAR[], p.country))
  AND (len($remote::VARCHAR[]) = 0 OR list_contains($remote::VARCHAR[], p.remote))
  AND (len($sources::VARCHAR[]) = 0 OR p.dataset_id IN (
        SELECT dataset_id FROM datasets WHERE list_contains($sources::VARCHAR[], name)))
  AND ($title_keyword::VARCHAR = '' OR contains(lower(p.title), $title_keyword::VARCHAR))
