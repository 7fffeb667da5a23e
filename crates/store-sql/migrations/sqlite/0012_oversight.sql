-- The Department's oversight (20 Ill. Adm. Code 1240.100): audits of terminal agencies, each
-- with its notice, presence, findings, report and corrective action in `profile` (JSON).
CREATE TABLE agency_audits (
    id INTEGER PRIMARY KEY,
    ori TEXT NOT NULL,
    stage TEXT NOT NULL,
    scheduled_for INTEGER NOT NULL,
    profile TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX agency_audits_by_ori ON agency_audits (ori, id);
