-- The record lifecycle: persistent deadlines, second-party checks, acknowledged messages.
CREATE TABLE deadlines (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,
    ori TEXT NOT NULL,
    subject TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    notices BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    closed_at BIGINT,
    closed_how TEXT
);
CREATE INDEX deadlines_open_by_due ON deadlines (due_at, id) WHERE closed_at IS NULL;
CREATE INDEX deadlines_open_by_subject ON deadlines (subject) WHERE closed_at IS NULL;
CREATE INDEX deadlines_open_by_ori ON deadlines (ori, due_at) WHERE closed_at IS NULL;

CREATE TABLE verifications (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lrn TEXT NOT NULL,
    ori TEXT NOT NULL,
    operator TEXT NOT NULL,
    checked TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX verifications_by_lrn ON verifications (lrn, id);

ALTER TABLE messages ADD COLUMN read_by TEXT;
CREATE INDEX messages_unread_by_recipient ON messages (recipient, id) WHERE read_at IS NULL;
