-- Migration 5: a reflection written anew keeps the one before it.
--
-- Why: an intention holds one reflection, and writing a second one used to
-- put it in the first one's place, so the earlier words were gone. Now the
-- earlier reflection moves here, with when it was written and when it was
-- written anew, and the history shows it. Deleting the intention deletes
-- its earlier reflections with it, as it does its current one.
--
-- The runner wraps this file in a transaction; it must not BEGIN or COMMIT.

CREATE TABLE earlier_reflections (
    id           INTEGER PRIMARY KEY,
    intention_id INTEGER NOT NULL REFERENCES intentions (id) ON DELETE CASCADE,
    text         TEXT NOT NULL,
    reflected_at INTEGER,
    replaced_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX earlier_reflections_intention ON earlier_reflections (intention_id);
