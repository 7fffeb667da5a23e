-- Access control: agency, person and terminal profiles (JSON documents of the domain types),
-- credentials and account state, connection requests, sign-in failures, session state.
ALTER TABLE agencies ADD COLUMN profile TEXT;

ALTER TABLE operators ADD COLUMN profile TEXT;
ALTER TABLE operators ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE operators ADD COLUMN disabled_reason TEXT;
ALTER TABLE operators ADD COLUMN totp_secret TEXT;
ALTER TABLE operators ADD COLUMN totp_last_step BIGINT;
ALTER TABLE operators ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE operators ADD COLUMN last_sign_in_at BIGINT;
ALTER TABLE operators ADD COLUMN password_changed_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX operators_by_ori ON operators (ori);

ALTER TABLE terminals ADD COLUMN profile TEXT;
CREATE INDEX terminals_by_ori ON terminals (ori);

ALTER TABLE sessions ADD COLUMN banner_accepted_at BIGINT;
ALTER TABLE sessions ADD COLUMN last_activity_at BIGINT NOT NULL DEFAULT 0;

CREATE TABLE connection_requests (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ori TEXT NOT NULL,
    profile TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX connection_requests_by_ori ON connection_requests (ori);

CREATE TABLE sign_in_failures (
    operator_id TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_by_operator ON sign_in_failures (operator_id, at);
