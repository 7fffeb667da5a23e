-- Hit confirmation (H6): each request, who asked whom, and the answer.
CREATE TABLE hit_confirmations (
    id INTEGER PRIMARY KEY,
    lrn TEXT NOT NULL,
    owner TEXT NOT NULL,
    requester TEXT NOT NULL,
    priority TEXT NOT NULL,
    request_no INTEGER NOT NULL,
    requested_at INTEGER NOT NULL,
    answer TEXT,
    answered_at INTEGER,
    answered_by TEXT
);
CREATE INDEX hit_confirmations_open_by_lrn ON hit_confirmations (lrn) WHERE answered_at IS NULL;
