-- The Department's other oversight records (20 Ill. Adm. Code 1240.20, 1240.90(b), 1240.110):
-- violation cases with their hearings, the Advisory Policy Board's members and meetings, the
-- agencies' training rolls and the Department's bulletins. Each is JSON in `profile`, found by
-- its kind and agency.
CREATE TABLE oversight_cases (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,
    ori TEXT,
    profile TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX oversight_cases_by_kind ON oversight_cases (kind, ori, id);
