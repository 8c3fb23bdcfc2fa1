-- The voortraject: each partner lays its signals about addresses in a project, side by side.
CREATE TABLE signals (
  id text PRIMARY KEY,
  project text NOT NULL,
  adres_id text NOT NULL,
  partner text NOT NULL,
  soort text NOT NULL,
  datum date NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX signals_project_address ON signals (project, adres_id);

-- Consulted tiers are read per case from the decision records (subsidiarity).
CREATE INDEX audit_log_decision_case ON audit_log ((body ->> 'case_id')) WHERE kind = 'decision';
