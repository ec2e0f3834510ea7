-- A virtualization connector's controller settings (controllerAttributes): what its SDN plugin needs to reach the
-- controller, handed to the plugin as the connector element's provider attributes. One row per attribute, so that
-- the database keeps keys unique and sizes bounded, and an update writes only what changed. Secrets (keys ending in
-- Key, Password, Secret or Token) have a table of their own, whose value column is the one to encrypt at rest
-- (issue 14); it is twice the largest value the API accepts (16384) to leave room for that.
CREATE TABLE vc_controller_attribute (
    virtualization_connector_id BIGINT NOT NULL REFERENCES virtualization_connector (id) ON DELETE CASCADE,
    attr_key VARCHAR(64) NOT NULL,
    attr_value VARCHAR(16384) NOT NULL,
    PRIMARY KEY (virtualization_connector_id, attr_key)
);

CREATE TABLE vc_controller_secret (
    virtualization_connector_id BIGINT NOT NULL REFERENCES virtualization_connector (id) ON DELETE CASCADE,
    attr_key VARCHAR(64) NOT NULL,
    secret_value VARCHAR(32768) NOT NULL,
    PRIMARY KEY (virtualization_connector_id, attr_key)
);
