-- Case work: a case opened on an address in a project, findings recorded in it, and per-user daily counters.
CREATE TABLE cases (
  id text PRIMARY KEY,
  project text NOT NULL,
  adres_id text NOT NULL,
  opened_by text NOT NULL,
  reason text NOT NULL,
  opened_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE INDEX cases_open ON cases (project, adres_id) WHERE closed_at IS NULL;

CREATE TABLE findings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases (id),
  kind text NOT NULL,
  note text NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX findings_case ON findings (case_id);

CREATE TABLE daily_counters (
  user_id text NOT NULL,
  day date NOT NULL,
  kind text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (user_id, day, kind)
);
