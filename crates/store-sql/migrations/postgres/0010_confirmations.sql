-- Hit confirmation (H6): each request, who asked whom, and the answer.
CREATE TABLE hit_confirmations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lrn TEXT NOT NULL,
    owner TEXT NOT NULL,
    requester TEXT NOT NULL,
    priority TEXT NOT NULL,
    request_no BIGINT NOT NULL,
    requested_at BIGINT NOT NULL,
    answer TEXT,
    answered_at BIGINT,
    answered_by TEXT
);
CREATE INDEX hit_confirmations_open_by_lrn ON hit_confirmations (lrn) WHERE answered_at IS NULL;
