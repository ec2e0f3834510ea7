package org.osc.server.secret;

/** The converters of the secret columns, one per {@link SecretColumn}, for the entities' {@code @Convert}. */
public final class SealedColumns {

    private SealedColumns() {
    }

    /** {@code manager_connector.password}. */
    public static final class ManagerPassword extends SealedColumn {
        /** The converter. */
        public ManagerPassword() {
            super(SecretColumn.MANAGER_PASSWORD);
        }
    }

    /** {@code manager_connector.api_key}. */
    public static final class ManagerApiKey extends SealedColumn {
        /** The converter. */
        public ManagerApiKey() {
            super(SecretColumn.MANAGER_API_KEY);
        }
    }

    /** {@code virtualization_connector.kubeconfig}. */
    public static final class Kubeconfig extends SealedColumn {
        /** The converter. */
        public Kubeconfig() {
            super(SecretColumn.KUBECONFIG);
        }
    }

    /** {@code virtualization_connector.token}. */
    public static final class BearerToken extends SealedColumn {
        /** The converter. */
        public BearerToken() {
            super(SecretColumn.BEARER_TOKEN);
        }
    }

    /** {@code vc_controller_secret.secret_value}. */
    public static final class ControllerSecret extends SealedColumn {
        /** The converter. */
        public ControllerSecret() {
            super(SecretColumn.CONTROLLER_SECRET);
        }
    }
}
