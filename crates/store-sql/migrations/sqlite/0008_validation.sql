-- Validation (H8): record checks are second-party checks (H4) or validations (H8).
ALTER TABLE verifications ADD COLUMN kind TEXT NOT NULL DEFAULT 'second_party_check';
CREATE INDEX late_entries_by_lrn ON late_entries (lrn);
