-- Tamper evidence: signed checkpoints over the audit log's Merkle tree, the tree edge of any
-- pruned prefix, and the administrator's message queue (alerts).
CREATE TABLE audit_checkpoints (
    size BIGINT PRIMARY KEY,
    root TEXT NOT NULL,
    at BIGINT NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL,
    frontier TEXT NOT NULL
);

CREATE TABLE audit_base (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    size BIGINT NOT NULL,
    frontier TEXT NOT NULL
);
INSERT INTO audit_base (id, size, frontier) VALUES (1, 0, '[]');

CREATE TABLE messages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at BIGINT NOT NULL,
    recipient TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    read_at BIGINT
);
CREATE INDEX messages_by_recipient ON messages (recipient, id);
