-- Failed logins counted in the database (issue 15), so that every replica sharing it counts the same failures and
-- a restart forgets none. One row per user name (kind 'N') or client address (kind 'A') with failures that are not
-- yet forgotten; times are milliseconds since the epoch by the clock of the replica that wrote them. A name here
-- need not be a user's: unknown names are counted alike. Rows are pruned once forgotten, and kept to a bounded number.
CREATE TABLE login_failure (
    kind CHAR(1) NOT NULL,
    subject VARCHAR(100) NOT NULL,
    failures INTEGER NOT NULL,
    last_failure_ms BIGINT NOT NULL,
    locked_until_ms BIGINT NOT NULL,
    PRIMARY KEY (kind, subject)
);
CREATE INDEX login_failure_age ON login_failure (kind, last_failure_ms);

-- The (user name, client address) pairs that logged in during the last day: the name's lock does not apply to them.
CREATE TABLE login_trust (
    name VARCHAR(100) NOT NULL,
    address VARCHAR(100) NOT NULL,
    trusted_until_ms BIGINT NOT NULL,
    PRIMARY KEY (name, address)
);
CREATE INDEX login_trust_until ON login_trust (trusted_until_ms);
