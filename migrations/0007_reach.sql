-- Reach: how many notices went out, by which channel and with which answer, and how many were opened.
-- Per notice code the portal keeps only the UTC date its link was first opened: no time of day, no IP
-- address, no user agent and no count of later opens. The reach figures are aggregates of these columns
-- (src/data/reach.ts); the follow-up notices need only "never opened, issued on".

-- How the notice was sent. NULL for codes issued before this migration: every notice then was an email,
-- and the figures count them as one. Contact codes are not notices and have none.
ALTER TABLE codes ADD COLUMN channel TEXT CHECK (channel IS NULL OR (kind = 'notice' AND channel IN ('email', 'letter', 'sms')));
-- The answer the notice carried when it was issued (its link shows the current one, which may differ
-- once the scope changes). NULL for codes issued before this migration.
ALTER TABLE codes ADD COLUMN answer TEXT
  CHECK (answer IS NULL OR (kind = 'notice' AND answer IN ('affected', 'not_affected', 'under_investigation', 'no_exposure_confirmed')));
-- The UTC day (YYYY-MM-DD) the notice link was first opened; written once, never moved. The shape is
-- checked so nothing finer than a day can be stored here, and only notices can be opened.
ALTER TABLE codes ADD COLUMN first_opened TEXT
  CHECK (first_opened IS NULL OR (kind = 'notice' AND first_opened GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'));
