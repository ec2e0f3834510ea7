-- The lease the replicas' leader election takes and renews when the lock is the database (OSC_LEADER_ELECTION
-- database, or auto on PostgreSQL outside Kubernetes). Times are the database's clock, so the replicas' clocks
-- need not agree; a lease is free when its holder is null or renewed_at + duration_ms has passed.
CREATE TABLE leader_lease (
    name VARCHAR(253) NOT NULL PRIMARY KEY,
    holder VARCHAR(253),
    acquired_at TIMESTAMP WITH TIME ZONE NOT NULL,
    renewed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_ms BIGINT NOT NULL,
    transitions BIGINT NOT NULL
);
