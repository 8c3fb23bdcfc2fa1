-- Decision records are written per subject and partner call, listing every field; the tiers a
-- record released (allowed or minimised fields) are its body's sorted array released_tiers.
-- Consulted tiers are read per case as a loose index scan over the distinct sets of released tiers
-- in the case: one probe per distinct set, however many records the case has. Records of one field
-- (written before) keep being read through audit_log_released_tiers (migration 004).
CREATE INDEX audit_log_released_tier_sets ON audit_log ((body ->> 'case_id'), ((body -> 'released_tiers')::text))
  WHERE kind = 'decision' AND body -> 'released_tiers' <> '[]'::jsonb AND body ->> 'owner' <> 'project';
