-- Migration 3: one intention per session, and where the person stands with
-- sessions.
--
-- Why: a session holds one intention. Setting another used to write over
-- the first, or (set before the session was planned) leave two on one
-- session with one never shown. Now a replaced intention keeps its words
-- and its session and is marked with the moment it was replaced, so the
-- history still shows it.
--
-- And a person can say they are pausing or have finished with sessions
-- ("ketamine was a bridge"); the dashboard then stops counting down
-- windows. Each statement is kept, newest last, with their own words.
--
-- The runner wraps this file in a transaction; it must not BEGIN or COMMIT.

ALTER TABLE intentions ADD COLUMN replaced_at INTEGER;

-- Files written before this migration may hold several intentions for one
-- session, or several waiting for the next one: the newest stays, the
-- older ones become history, replaced when the newer one was set.
UPDATE intentions AS old
SET replaced_at = (
    SELECT min(new.set_at) FROM intentions AS new
    WHERE new.session_id IS old.session_id
      AND (new.set_at, new.id) > (old.set_at, old.id)
      AND (old.session_id IS NOT NULL OR (old.reflection IS NULL AND new.reflection IS NULL))
)
WHERE EXISTS (
    SELECT 1 FROM intentions AS new
    WHERE new.session_id IS old.session_id
      AND (new.set_at, new.id) > (old.set_at, old.id)
      AND (old.session_id IS NOT NULL OR (old.reflection IS NULL AND new.reflection IS NULL))
);

CREATE TABLE treatment (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'pausing', 'finished')),
    note   TEXT
) STRICT;
CREATE INDEX treatment_at ON treatment (at);
