-- Migration 7: a habit can be meant for some days of each week.
--
-- Why: "swim three times a week" met on three days is a good week, not
-- four missing days. `per_week` is how many days of each week (Monday to
-- Sunday, local days) the habit asks; NULL is daily, as every habit was
-- before. Ticks stay as they are: only how they are counted changes.
--
-- The runner wraps this file in a transaction; it must not BEGIN or COMMIT.

ALTER TABLE habits ADD COLUMN per_week INTEGER
    CHECK (per_week IS NULL OR per_week BETWEEN 1 AND 6);
