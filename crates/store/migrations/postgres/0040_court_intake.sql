-- Issue 15, section 1: a certified institution's team leads see the court orders that
-- name their institution and that nobody of it has taken up yet (their intake list).
CREATE INDEX protection_order_requests_institution
    ON protection_order_requests (institution_id, state, decided_on);
