-- The switch's interstate traffic (Nlets, rules N1-N5): every message it sends or receives.
-- `body` is the message in text form without its photos; a message waiting to be sent keeps its
-- whole wire form in `payload` until it is sent (the transactional outbox); a received photo is
-- sealed in the vault and named here, with its SHA-256 and size.
CREATE TABLE interstate_messages (
    id INTEGER PRIMARY KEY,
    direction TEXT NOT NULL,
    message_key TEXT NOT NULL,
    control TEXT NOT NULL,
    peer TEXT NOT NULL,
    ori TEXT NOT NULL,
    person TEXT,
    case_number TEXT,
    body TEXT NOT NULL,
    payload TEXT,
    photo_id TEXT,
    photo_key TEXT,
    photo_sha256 TEXT,
    photo_bytes INTEGER,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
);
CREATE INDEX interstate_messages_by_status ON interstate_messages (status, id);
CREATE INDEX interstate_messages_by_control ON interstate_messages (control, direction);
