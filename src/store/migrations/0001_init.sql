-- Migration 1: the first afterglow schema.
--
-- Why: afterglow keeps everything a person logs during ketamine therapy in
-- one local file: their sessions, the intentions set for them, the journal,
-- and the habits (sleep, exercise, meditation...) they track day by day.
-- `meta` remembers facts about the database itself, such as "the default
-- habits were created once", so that first-run work never repeats.
--
-- Conventions: instants are INTEGER unix seconds UTC, days are TEXT
-- 'YYYY-MM-DD', kinds, roles and statuses are lowercase words. Tables are
-- STRICT so a bug can never slip text into a number column. CHECK
-- constraints repeat the domain rules as a last line of defence, because
-- this file outlives any one version of the program.
--
-- The runner wraps this file in a transaction; it must not BEGIN or COMMIT.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    kind    TEXT NOT NULL
            CHECK (kind IN ('infusion', 'intramuscular', 'lozenge', 'nasal-spray', 'other')),
    dose_mg REAL CHECK (dose_mg IS NULL OR dose_mg > 0),
    note    TEXT,
    status  TEXT NOT NULL CHECK (status IN ('planned', 'done'))
) STRICT;
CREATE INDEX sessions_at ON sessions (at);

-- An intention with no session is waiting for the next session to be logged.
-- Deleting a session must never delete what the person wrote, hence SET NULL.
CREATE TABLE intentions (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
    text         TEXT NOT NULL,
    set_at       INTEGER NOT NULL,
    reflection   TEXT,
    reflected_at INTEGER
) STRICT;
CREATE INDEX intentions_session ON intentions (session_id);

CREATE TABLE journal (
    id         INTEGER PRIMARY KEY,
    written_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       TEXT NOT NULL,
    mood       INTEGER CHECK (mood BETWEEN 1 AND 10),
    session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX journal_written_at ON journal (written_at);
-- Without it every session delete would scan the journal for SET NULL.
CREATE INDEX journal_session ON journal (session_id);

-- Names are unique ignoring ASCII case here; the store also compares
-- non-ASCII names case-insensitively before writing.
CREATE TABLE habits (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('yes-no', 'quantity')),
    unit     TEXT,
    target   REAL,
    role     TEXT NOT NULL CHECK (role IN ('sleep', 'exercise', 'meditation', 'custom')),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    since    TEXT NOT NULL CHECK (date(since) IS since),
    position INTEGER NOT NULL,
    CHECK ((kind = 'yes-no' AND unit IS NULL AND target IS NULL)
        OR (kind = 'quantity' AND unit IS NOT NULL AND target > 0))
) STRICT;
CREATE UNIQUE INDEX habits_name ON habits (name COLLATE NOCASE);

-- A tick belongs to a local calendar day, never to an instant. Ticks mean
-- nothing without their habit, hence CASCADE.
CREATE TABLE ticks (
    habit_id INTEGER NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    day      TEXT NOT NULL CHECK (date(day) IS day),
    amount   REAL CHECK (amount IS NULL OR amount >= 0),
    PRIMARY KEY (habit_id, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX ticks_day ON ticks (day);
