-- Indexes the EXPLAIN test asked for (issue 18 §2): each lets one filter or list read
-- its own rows instead of the whole table.

-- The privacy officer's filter on an organisation, and her scope (the lines of her
-- organisation's people), newest first.
CREATE INDEX access_log_organisation ON access_log (organisation_id, at);
-- The refused attempts and the emergency accesses (the filters' own conditions): few
-- lines of the whole log, so indexes of those lines only.
CREATE INDEX access_log_denied ON access_log (at) WHERE outcome = 'denied';
CREATE INDEX access_log_emergency ON access_log (at) WHERE (basis = 'emergency' OR event = 'emergency');
-- The files an organisation leads under its legal basis (the privacy officer's scope).
CREATE INDEX families_framework_organisation ON families (framework_organisation_id);
-- A period's handovers (the team lead's start page): the involvements that took over
-- another's work, by when they started.
CREATE INDEX involvements_handover ON involvements (started_at) WHERE takes_over IS NOT NULL;
