-- Case work after the desk research: home visits (the top of the ladder, each with its
-- justification), the persons found living at the address during one (as HMAC pseudonyms, never a
-- BSN), and the partners' outcomes of a case (terugkoppeling) for the project's results report.
CREATE TABLE visits (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases (id),
  visited_on date NOT NULL,
  justification text NOT NULL,
  note text NOT NULL,
  recorded_by text NOT NULL,
  organisation text NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX visits_case ON visits (case_id);

CREATE TABLE visit_occupants (
  visit_id text NOT NULL REFERENCES visits (id),
  person_pseudonym text NOT NULL,
  PRIMARY KEY (visit_id, person_pseudonym)
);
CREATE INDEX visit_occupants_person ON visit_occupants (person_pseudonym);

CREATE TABLE outcomes (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases (id),
  organisation text NOT NULL,
  kind text NOT NULL,
  amount_cents bigint,
  subject_type text NOT NULL,
  subject_pseudonym text NOT NULL,
  note text NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX outcomes_case ON outcomes (case_id);
