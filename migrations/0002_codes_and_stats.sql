-- Reference codes and aggregate counters. Still no plaintext identifier anywhere.

-- Notice codes (one per notified customer, printed in the notice and carried by its link) and support
-- contact codes. `hash` is SHA-256 of the normalised code (see src/core/codes.ts); the code itself is
-- never stored. A notice code points at its recipient's keyed hash (`subject`, hashed with the pepper
-- `subject_key`), not at an answer, so its page always shows the current answer even after the scope
-- of the incident grows.
CREATE TABLE codes (
  hash BLOB PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('notice', 'contact')),
  incident TEXT NOT NULL REFERENCES incidents (slug),
  subject BLOB,
  subject_key TEXT,
  -- The locale the notice was written in, so its page opens in the same language.
  locale TEXT,
  issued_at TEXT NOT NULL,
  -- Contact codes expire (30 minutes by default); notice codes do not.
  expires_at TEXT
) WITHOUT ROWID;
-- "Was a notice sent to this identifier, and when?" for the support console.
CREATE INDEX codes_by_subject ON codes (incident, subject);

-- Counters per incident and UTC day. Only numbers: no identifier, code or address. Verify checks of
-- codes that were never issued belong to no incident and are counted under incident ''.
CREATE TABLE daily_stats (
  incident TEXT NOT NULL,
  day TEXT NOT NULL,
  lookups INTEGER NOT NULL DEFAULT 0,
  affected INTEGER NOT NULL DEFAULT 0,
  notice_opens INTEGER NOT NULL DEFAULT 0,
  verify_checks INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (incident, day)
) WITHOUT ROWID;
