-- The audit trail: one append-only table for every kind of audit record, chained by hash.
-- The queryable columns are generated from the body, so they cannot disagree with what is hashed.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  kind text NOT NULL,
  recorded_at timestamptz NOT NULL,
  body jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  subject_pseudonym text GENERATED ALWAYS AS (body ->> 'subject_pseudonym') STORED,
  project text GENERATED ALWAYS AS (body ->> 'project') STORED,
  trace_id text GENERATED ALWAYS AS (body ->> 'trace_id') STORED,
  target_seq bigint GENERATED ALWAYS AS ((body ->> 'target_seq')::bigint) STORED
);
CREATE INDEX audit_log_subject ON audit_log (subject_pseudonym, seq);
CREATE INDEX audit_log_project ON audit_log (project, seq);
CREATE INDEX audit_log_trace ON audit_log (trace_id);
CREATE INDEX audit_log_target ON audit_log (target_seq);
CREATE INDEX audit_log_recorded_at ON audit_log (recorded_at);

-- The chain head: one row, advanced in the same transaction as the records it covers.
CREATE TABLE audit_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (seq, hash) VALUES (0, repeat('0', 64));

-- Signed chain heads (compact JWS, ES256).
CREATE TABLE audit_checkpoints (
  seq bigint PRIMARY KEY,
  hash text NOT NULL,
  jws text NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL
);
