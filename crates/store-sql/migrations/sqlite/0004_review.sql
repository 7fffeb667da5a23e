-- Misuse review: the weeks reviewed and their flags, each with the disposition a coordinator
-- or the Administrator recorded.
CREATE TABLE misuse_reviews (
    week_start INTEGER PRIMARY KEY,
    week_end INTEGER NOT NULL,
    at INTEGER NOT NULL,
    flags INTEGER NOT NULL
);

CREATE TABLE misuse_flags (
    id INTEGER PRIMARY KEY,
    week_start INTEGER NOT NULL REFERENCES misuse_reviews (week_start),
    kind TEXT NOT NULL,
    operator TEXT NOT NULL,
    ori TEXT NOT NULL,
    at INTEGER NOT NULL,
    seqs TEXT NOT NULL,
    detail TEXT NOT NULL,
    disposition TEXT,
    note TEXT,
    disposed_by TEXT,
    disposed_at INTEGER
);
CREATE INDEX misuse_flags_by_ori ON misuse_flags (ori, id);
