-- Issue 18: the evaluation of a period that is not whole months reads its whole months
-- from the month cells and only its edges from the rows; an edge counts a family only
-- when the family has no row (of the same metric, in the same area) in the rest of the
-- period. That is asked once per row of the edge, for one family and a range of days:
-- this index answers it from the family's own rows, index-only, where the other
-- indexes lead with the metric or the day and would read the rest of the period.
CREATE INDEX evaluation_rows_family_days ON evaluation_rows (family_id, on_date, metric, area_id, value);
