-- The secret key ring across replicas (issue 15): which key ids each replica's key file holds (never a key), so that
-- a rotation can refuse to make active a key another replica lacks, and the key every replica encrypts new secrets
-- under, so that they agree on it whatever order their key files list the keys in. A key id is the first 4 bytes
-- of the key's SHA-256, as stored values name it. Times are the database's clock.
CREATE TABLE secret_key_holder (
    replica VARCHAR(253) NOT NULL PRIMARY KEY,
    key_ids VARCHAR(4000) NOT NULL,
    active_key_id VARCHAR(16) NOT NULL,
    seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE secret_key_active (
    id INTEGER NOT NULL PRIMARY KEY,
    key_id VARCHAR(16) NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
