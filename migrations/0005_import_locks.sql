-- One import at a time per incident. An import takes its incident's row before it loads anything and
-- deletes it when it ends (success, failure or Ctrl-C); a second import finds the row and refuses, so it
-- never prunes the 'loading' dataset the first one is filling. `token` is the holder's random id: a
-- resumable (chunked) import keeps it in its state file and may take its own lock over after a crash.
-- `host` and `pid` name the operator's process, for the refusal message; nothing here names a customer.
-- A lock left by a crash is cleared with `npm run cli -- unlock --incident <slug>`.
CREATE TABLE import_locks (
  incident TEXT PRIMARY KEY,
  token TEXT NOT NULL,
  started_at TEXT NOT NULL, -- ISO 8601, UTC
  host TEXT NOT NULL,
  pid INTEGER NOT NULL
) WITHOUT ROWID;
