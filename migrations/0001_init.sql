-- amiaffected schema. No table holds a plaintext identifier (email, order ID, name): affected entries are
-- keyed hashes, HMAC-SHA256(pepper, salt + kind + normalised value) truncated to 16 bytes, and the pepper
-- never enters D1.

-- One row per incident. `content` is the validated incident definition's locale texts, contacts, extra
-- next steps and lookup settings (JSON); groups and updates have tables of their own below.
CREATE TABLE incidents (
  slug TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('investigating', 'confirmed', 'not_confirmed', 'closed')),
  -- Random per incident and mixed into every keyed hash, so one person hashes differently in two incidents.
  salt BLOB NOT NULL,
  -- Bumped on every publish. Workers cache incident content per isolate and re-read it when this moves.
  revision INTEGER NOT NULL DEFAULT 1,
  -- The dataset lookups answer from. NULL until the first complete import: lookups then answer 503.
  active_dataset INTEGER,
  content TEXT NOT NULL,
  published_at TEXT NOT NULL
);

-- The dated update log shown on the incident page, oldest first.
CREATE TABLE incident_updates (
  incident TEXT NOT NULL REFERENCES incidents (slug),
  seq INTEGER NOT NULL,
  date TEXT NOT NULL,
  text TEXT NOT NULL, -- JSON {"ja": "...", "en": "..."}
  PRIMARY KEY (incident, seq)
) WITHOUT ROWID;

-- Exposure groups. `bit` is the group's position in entries.groups; it is assigned on first publish and
-- never reused, so republishing an incident with groups reordered cannot reinterpret stored entries.
CREATE TABLE exposure_groups (
  incident TEXT NOT NULL REFERENCES incidents (slug),
  bit INTEGER NOT NULL CHECK (bit BETWEEN 0 AND 52),
  code TEXT NOT NULL,
  label TEXT NOT NULL, -- JSON {"ja": "...", "en": "..."}
  period_from TEXT,
  period_to TEXT,
  data_classes TEXT NOT NULL, -- comma-separated data class codes
  certainty TEXT NOT NULL CHECK (certainty IN ('confirmed', 'possible')),
  retired INTEGER NOT NULL DEFAULT 0, -- 1 when a later publish dropped the group
  PRIMARY KEY (incident, bit),
  UNIQUE (incident, code)
) WITHOUT ROWID;

-- One row per import of an affected list. An import writes a new dataset in state 'loading' and only the
-- final step points incidents.active_dataset at it, so an aborted import changes nothing users see.
-- Every entry of a dataset was hashed with the dataset's key_id (the pepper's id), which lets the pepper
-- be rotated by re-importing.
CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  incident TEXT NOT NULL REFERENCES incidents (slug),
  key_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('loading', 'complete', 'superseded')),
  entries INTEGER NOT NULL DEFAULT 0,
  -- SHA-256 over the sorted entries, so re-importing the same list is recognised and skipped.
  digest TEXT,
  created_at TEXT NOT NULL,
  completed_at TEXT
);
CREATE INDEX datasets_by_incident ON datasets (incident, id);

-- Store names a customer recognises ("bought at <store>"), shared by many entries of one dataset.
CREATE TABLE stores (
  dataset INTEGER NOT NULL,
  id INTEGER NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (dataset, id)
) WITHOUT ROWID;

-- The affected set: about 25 bytes a record. WITHOUT ROWID keeps each entry in one b-tree keyed by
-- (dataset, hash), so a lookup is one index probe and no rowid or second index is stored.
CREATE TABLE entries (
  dataset INTEGER NOT NULL,
  hash BLOB NOT NULL,      -- 16-byte truncated keyed hash
  groups INTEGER NOT NULL, -- bitmask over exposure_groups.bit
  store INTEGER,           -- stores.id, when the import named a store
  PRIMARY KEY (dataset, hash)
) WITHOUT ROWID;
