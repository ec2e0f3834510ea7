-- The pods a security group protects, as its last reconcile found them: what GET .../members shows without
-- asking the cluster and the SDN controller again, and the member list the group's managers receive.
-- port_id is null while the SDN controller has no port for the pod yet (e.g. no IP address yet).
CREATE TABLE security_group_pod (
    security_group_id BIGINT NOT NULL REFERENCES security_group (id) ON DELETE CASCADE,
    pod_uid VARCHAR(64) NOT NULL,
    namespace VARCHAR(63) NOT NULL,
    name VARCHAR(253) NOT NULL,
    port_id VARCHAR(255),
    mac_address VARCHAR(32),
    ip_addresses VARCHAR(1024) NOT NULL DEFAULT '',
    PRIMARY KEY (security_group_id, pod_uid)
);
