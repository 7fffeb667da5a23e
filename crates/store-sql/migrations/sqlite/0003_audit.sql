-- Tamper evidence: signed checkpoints over the audit log's Merkle tree, the tree edge of any
-- pruned prefix, and the administrator's message queue (alerts).
CREATE TABLE audit_checkpoints (
    size INTEGER PRIMARY KEY,
    root TEXT NOT NULL,
    at INTEGER NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL,
    frontier TEXT NOT NULL
);

CREATE TABLE audit_base (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    size INTEGER NOT NULL,
    frontier TEXT NOT NULL
);
INSERT INTO audit_base (id, size, frontier) VALUES (1, 0, '[]');

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    recipient TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    read_at INTEGER
);
CREATE INDEX messages_by_recipient ON messages (recipient, id);
