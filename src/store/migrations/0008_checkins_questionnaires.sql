-- Migration 8: daily check-ins and questionnaire answers.
--
-- Why: "is the relief lasting?" needs a mood on more days than a person
-- writes in the journal. A check-in is a quick rating of the day (mood on
-- the journal's 1-10 scale, anxiety and energy 0-10, one line of note). A
-- questionnaire result keeps what was answered to a questionnaire defined
-- in a file the person supplied: the file may change or go, so the result
-- keeps its key, a hash of its items and scores (`version`), every answer's
-- score, the total and the band's label as they were on the day.
--
-- The runner wraps this file in a transaction; it must not BEGIN or COMMIT.

CREATE TABLE checkins (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    mood    INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 10),
    anxiety INTEGER CHECK (anxiety IS NULL OR anxiety BETWEEN 0 AND 10),
    energy  INTEGER CHECK (energy IS NULL OR energy BETWEEN 0 AND 10),
    note    TEXT
) STRICT;
CREATE INDEX checkins_at ON checkins (at);

-- `answers` is the scores in item order, as a JSON array of integers.
CREATE TABLE questionnaire_results (
    id      INTEGER PRIMARY KEY,
    key     TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
    name    TEXT NOT NULL,
    version TEXT NOT NULL,
    at      INTEGER NOT NULL,
    answers TEXT NOT NULL,
    total   INTEGER NOT NULL,
    band    TEXT
) STRICT;
CREATE INDEX questionnaire_results_at ON questionnaire_results (at);
CREATE INDEX questionnaire_results_key ON questionnaire_results (key, at);
