-- The support console's audit log: one row per agent lookup and per contact code issued. Rows hold the
-- agent's identity (an Access email, or "dev:<name>" for the local development sign-in) and the keyed
-- hash of the identifier looked up, never the identifier itself.
CREATE TABLE agent_audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL, -- ISO 8601, UTC
  agent TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('lookup', 'contact_code')),
  incident TEXT NOT NULL,
  -- Lookups: the kind of identifier, its keyed hash and the pepper id the hash was made with.
  identifier_kind TEXT CHECK (identifier_kind IN ('email', 'order_id', 'email_factor')),
  subject BLOB,
  subject_key TEXT,
  -- Contact codes: the code's stored hash (codes.hash), so a code a customer reads out can be traced to
  -- the agent who issued it.
  code_hash BLOB,
  -- What the lookup answered, from which dataset: the entry's group mask and store (NULL when the
  -- identifier is not in the list, or the lookup was refused).
  dataset INTEGER,
  groups INTEGER,
  store INTEGER,
  answer TEXT NOT NULL CHECK (answer IN ('affected', 'not_affected', 'no_dataset', 'stale', 'refused', 'issued')),
  -- 1 when the agent was past their hourly lookup limit: the lookup was refused and nothing was read.
  over_limit INTEGER NOT NULL DEFAULT 0
);
-- The limit counts an agent's rows of the last hour; the audit export filters by agent and time.
CREATE INDEX agent_audit_by_agent ON agent_audit (agent, at);
CREATE INDEX agent_audit_by_time ON agent_audit (at);
