CREATE TABLE agencies (
    ori TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    active INTEGER NOT NULL
);

CREATE TABLE operators (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    ori TEXT NOT NULL REFERENCES agencies (ori),
    active INTEGER NOT NULL,
    password_hash TEXT NOT NULL
);

CREATE TABLE terminals (
    id TEXT PRIMARY KEY,
    ori TEXT NOT NULL REFERENCES agencies (ori),
    location TEXT NOT NULL,
    active INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    operator_id TEXT NOT NULL REFERENCES operators (id),
    terminal_id TEXT NOT NULL REFERENCES terminals (id),
    issued_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    lrn TEXT NOT NULL UNIQUE,
    nic TEXT UNIQUE,
    file TEXT NOT NULL,
    entry_key TEXT NOT NULL,
    ori TEXT NOT NULL,
    oca TEXT,
    fields TEXT NOT NULL,
    status TEXT NOT NULL,
    status_ori TEXT,
    status_date INTEGER,
    status_case TEXT,
    status_reason TEXT,
    status_at INTEGER,
    entered_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX records_by_oca ON records (file, ori, oca);

CREATE TABLE record_names (
    record_id INTEGER NOT NULL REFERENCES records (id),
    file TEXT NOT NULL,
    phonetic TEXT NOT NULL,
    dob INTEGER NOT NULL,
    sex TEXT NOT NULL,
    race TEXT NOT NULL
);
CREATE INDEX record_names_search ON record_names (phonetic, dob);
CREATE INDEX record_names_record ON record_names (record_id);

CREATE TABLE record_identifiers (
    record_id INTEGER NOT NULL REFERENCES records (id),
    file TEXT NOT NULL,
    code TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX record_identifiers_search ON record_identifiers (code, value);
CREATE INDEX record_identifiers_record ON record_identifiers (record_id);

CREATE TABLE record_duplicates (
    key TEXT PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records (id)
);
CREATE INDEX record_duplicates_record ON record_duplicates (record_id);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    next_seq INTEGER NOT NULL
);
INSERT INTO audit_head (id, next_seq) VALUES (1, 0);

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    operation_id TEXT NOT NULL,
    event TEXT NOT NULL,
    operator TEXT,
    terminal TEXT,
    ori TEXT,
    mke TEXT,
    purpose TEXT,
    case_number TEXT,
    outcome TEXT NOT NULL,
    code TEXT NOT NULL,
    entry TEXT NOT NULL,
    leaf_hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_operator ON audit_log (operator, at);
CREATE INDEX audit_log_by_ori ON audit_log (ori, at);
