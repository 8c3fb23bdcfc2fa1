-- Consulted tiers are read per case as a loose index scan over the released decisions: one index
-- probe per distinct tier, however many decision records the case has. Replaces the index on
-- case_id alone, which made the read visit every decision record of the case.
CREATE INDEX audit_log_released_tiers ON audit_log ((body ->> 'case_id'), (body ->> 'tier'))
  WHERE kind = 'decision' AND body ->> 'outcome' IN ('allow', 'minimise');
DROP INDEX audit_log_decision_case;
