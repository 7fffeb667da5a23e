-- Agencies' shift changes (H5): minutes after midnight UTC, comma-separated.
CREATE TABLE agency_shifts (
    ori TEXT PRIMARY KEY,
    starts TEXT NOT NULL
);
