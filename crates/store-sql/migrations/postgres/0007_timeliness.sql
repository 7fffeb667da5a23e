-- Entry timeliness (H3): warrants entered more than 24 hours after the information came in.
CREATE TABLE late_entries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lrn TEXT NOT NULL,
    ori TEXT NOT NULL,
    entry_key TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    entered_at BIGINT NOT NULL,
    minutes_late BIGINT NOT NULL,
    emergency TEXT
);
CREATE INDEX late_entries_by_ori ON late_entries (ori, entered_at);
