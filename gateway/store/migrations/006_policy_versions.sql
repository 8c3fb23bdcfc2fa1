-- Every policy version the gateway has run with: its files, under the content hash that decision
-- records name (policy_version), so a record's version can be loaded again after the files on disk
-- changed (replay). Written at start-up when absent; never changed.
CREATE TABLE policy_versions (
  version text PRIMARY KEY,
  files jsonb NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
);
