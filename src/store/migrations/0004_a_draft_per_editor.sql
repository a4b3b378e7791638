-- Migration 4: a draft for each editor.
--
-- Why: the journal draft had one slot. Two dashboards open on one file
-- both wrote it on every keystroke, each over the other, and one person's
-- words were gone while both said "Draft kept.". Now every editor keeps
-- its words in a draft row of its own, and each save names the revision
-- it last read or wrote: a save that finds its row changed by another
-- editor, or gone, writes its text to a new row instead, so both texts
-- survive. Several drafts can be left (say, after both were killed); the
-- dashboard offers each in turn and never merges them.
--
-- `slot` keeps its name, now one per draft. AUTOINCREMENT, so that the
-- number of a draft that was saved or thrown away is never given to
-- another: an editor still holding that number must never match a stranger's
-- row. `revision` counts the saves of a row.
--
-- The one draft an older afterglow kept is carried over as slot 1, its
-- first revision.
--
-- The runner wraps this file in a transaction; it must not BEGIN or COMMIT.

CREATE TABLE drafts_per_editor (
    slot     INTEGER PRIMARY KEY AUTOINCREMENT,
    editing  INTEGER REFERENCES journal (id) ON DELETE SET NULL,
    body     TEXT NOT NULL,
    mood     INTEGER CHECK (mood BETWEEN 1 AND 10),
    cursor   INTEGER NOT NULL CHECK (cursor >= 0),
    saved_at INTEGER NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)
) STRICT;

INSERT INTO drafts_per_editor (slot, editing, body, mood, cursor, saved_at)
SELECT slot, editing, body, mood, cursor, saved_at FROM drafts;

DROP TABLE drafts;
ALTER TABLE drafts_per_editor RENAME TO drafts;
