-- Misuse review: the weeks reviewed and their flags, each with the disposition a coordinator
-- or the Administrator recorded.
CREATE TABLE misuse_reviews (
    week_start BIGINT PRIMARY KEY,
    week_end BIGINT NOT NULL,
    at BIGINT NOT NULL,
    flags BIGINT NOT NULL
);

CREATE TABLE misuse_flags (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    week_start BIGINT NOT NULL REFERENCES misuse_reviews (week_start),
    kind TEXT NOT NULL,
    operator TEXT NOT NULL,
    ori TEXT NOT NULL,
    at BIGINT NOT NULL,
    seqs TEXT NOT NULL,
    detail TEXT NOT NULL,
    disposition TEXT,
    note TEXT,
    disposed_by TEXT,
    disposed_at BIGINT
);
CREATE INDEX misuse_flags_by_ori ON misuse_flags (ori, id);
