-- Migration 2: therapy visits and the journal draft.
--
-- Why: integration happens as much with a therapist as alone, so visits get
-- their own list to show beside sessions. And words typed into the dashboard
-- editor are precious: the draft is saved as it is typed, so a crash, a
-- closed terminal or a flat battery never loses them.
--
-- The runner wraps this file in a transaction; it must not BEGIN or COMMIT.

CREATE TABLE therapy (
    id   INTEGER PRIMARY KEY,
    at   INTEGER NOT NULL,
    note TEXT
) STRICT;
CREATE INDEX therapy_at ON therapy (at);

-- One slot only: there is one editor. When the entry being edited is
-- deleted (say from another terminal), the draft survives as a new entry
-- instead of vanishing, hence SET NULL.
CREATE TABLE drafts (
    slot     INTEGER PRIMARY KEY CHECK (slot = 1),
    editing  INTEGER REFERENCES journal (id) ON DELETE SET NULL,
    body     TEXT NOT NULL,
    mood     INTEGER CHECK (mood BETWEEN 1 AND 10),
    cursor   INTEGER NOT NULL CHECK (cursor >= 0),
    saved_at INTEGER NOT NULL
) STRICT;
