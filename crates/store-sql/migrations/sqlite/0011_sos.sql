-- The Secretary of State's captured-image file (1030.140(a)) and what agencies keep of it:
-- case images (a)(2), dissemination records (c)(2), releases (b)(2), consents and arrays (b)(3).
CREATE TABLE sos_holders (
    dln TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    dob INTEGER NOT NULL,
    sex TEXT NOT NULL,
    picture_id TEXT NOT NULL,
    picture_key TEXT NOT NULL
);
CREATE INDEX sos_holders_by_person ON sos_holders (name, dob, sex);

CREATE TABLE sos_requests (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    channel TEXT NOT NULL,
    category TEXT NOT NULL,
    operator TEXT NOT NULL,
    ori TEXT NOT NULL,
    requester TEXT NOT NULL,
    subject TEXT NOT NULL,
    dln TEXT,
    case_number TEXT,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX sos_requests_by_operator ON sos_requests (operator, at);

CREATE TABLE sos_case_images (
    id INTEGER PRIMARY KEY,
    ori TEXT NOT NULL,
    case_number TEXT NOT NULL,
    dln TEXT NOT NULL,
    holder_name TEXT NOT NULL,
    holder_dob INTEGER NOT NULL,
    holder_sex TEXT NOT NULL,
    subject_role TEXT NOT NULL,
    investigation TEXT NOT NULL,
    transmission_only INTEGER NOT NULL,
    transmit_to TEXT,
    picture_id TEXT,
    picture_key TEXT,
    received_from INTEGER,
    retrieved_by TEXT NOT NULL,
    retrieved_at INTEGER NOT NULL,
    dispose_after INTEGER NOT NULL,
    disposed_at INTEGER,
    disposed_how TEXT
);
CREATE INDEX sos_case_images_by_case ON sos_case_images (ori, case_number);
CREATE INDEX sos_case_images_to_dispose ON sos_case_images (dispose_after) WHERE disposed_at IS NULL;

CREATE TABLE sos_disseminations (
    id INTEGER PRIMARY KEY,
    case_image INTEGER NOT NULL,
    from_ori TEXT NOT NULL,
    to_ori TEXT NOT NULL,
    to_agency TEXT NOT NULL,
    to_person TEXT NOT NULL,
    case_number TEXT NOT NULL,
    dln TEXT NOT NULL,
    verification TEXT NOT NULL,
    operator TEXT NOT NULL,
    at INTEGER NOT NULL,
    recipient_case_image INTEGER
);
CREATE INDEX sos_disseminations_by_ori ON sos_disseminations (from_ori, at);

CREATE TABLE sos_releases (
    id INTEGER PRIMARY KEY,
    case_image INTEGER NOT NULL,
    ori TEXT NOT NULL,
    case_number TEXT NOT NULL,
    necessity TEXT NOT NULL,
    explanation TEXT NOT NULL,
    identity_verification TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    decided_by TEXT,
    decided_at INTEGER,
    reference TEXT,
    note TEXT
);
CREATE INDEX sos_releases_by_status ON sos_releases (status, requested_at);

CREATE TABLE sos_consents (
    id INTEGER PRIMARY KEY,
    case_image INTEGER NOT NULL,
    document TEXT NOT NULL,
    signed_on INTEGER NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX sos_consents_by_image ON sos_consents (case_image);

CREATE TABLE sos_photo_arrays (
    id INTEGER PRIMARY KEY,
    ori TEXT NOT NULL,
    case_number TEXT NOT NULL,
    built_by TEXT NOT NULL,
    built_at INTEGER NOT NULL,
    members TEXT NOT NULL
);
