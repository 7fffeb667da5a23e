-- Entry timeliness (H3): warrants entered more than 24 hours after the information came in.
CREATE TABLE late_entries (
    id INTEGER PRIMARY KEY,
    lrn TEXT NOT NULL,
    ori TEXT NOT NULL,
    entry_key TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    entered_at INTEGER NOT NULL,
    minutes_late INTEGER NOT NULL,
    emergency TEXT
);
CREATE INDEX late_entries_by_ori ON late_entries (ori, entered_at);
