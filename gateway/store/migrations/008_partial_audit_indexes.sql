-- A combined view writes ~110 records; each index entry costs the writer's transaction and the
-- server's CPU. Records that no query finds through an index get no entry in it:
-- - target_seq: only reviews and lifts have one (every look-up is target_seq = …);
-- - project: processing records have none (look-ups are project = …);
-- - trace_id: the one look-up by trace (replay, gateway/audit/replay-store.ts) reads decision
--   records only.
-- Each index is made again under its name; the records already stored are indexed as new ones.
DROP INDEX audit_log_target;
CREATE INDEX audit_log_target ON audit_log (target_seq) WHERE target_seq IS NOT NULL;
DROP INDEX audit_log_project;
CREATE INDEX audit_log_project ON audit_log (project, seq) WHERE project IS NOT NULL;
DROP INDEX audit_log_trace;
CREATE INDEX audit_log_trace ON audit_log (trace_id) WHERE kind = 'decision';
