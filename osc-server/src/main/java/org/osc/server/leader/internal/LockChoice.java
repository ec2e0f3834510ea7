package org.osc.server.leader.internal;

import java.util.Locale;

/**
 * Which lock the election uses, from {@code OSC_LEADER_ELECTION} ({@code auto}, {@code none}, {@code database},
 * {@code kubernetes}), the database's kind and whether OSC runs in a Kubernetes pod.
 */
public enum LockChoice {
    /** A single process: it always leads. */
    NONE,
    /** The {@code leader_lease} row in PostgreSQL. */
    DATABASE,
    /** A Kubernetes Lease, through the {@link LeaseLockFactory} of kind "kubernetes". */
    KUBERNETES;

    /** The setting's name, for messages. */
    public static final String SETTING = "OSC_LEADER_ELECTION";

    /**
     * @param setting the setting's value
     * @param databaseKind "H2" or "PostgreSQL"
     * @param inPod whether OSC runs in a Kubernetes pod ({@code KUBERNETES_SERVICE_HOST} is set)
     * @throws IllegalArgumentException with the line to log when the setting is unknown, or asks for several
     *     replicas on H2
     */
    public static LockChoice choose(String setting, String databaseKind, boolean inPod) {
        String value = setting == null || setting.isBlank() ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        boolean h2 = !"PostgreSQL".equals(databaseKind);
        switch (value) {
            case "none":
                return NONE;
            case "database":
            case "kubernetes":
                if (h2) {
                    throw new IllegalArgumentException(SETTING + "=" + value + " asks for several replicas, which H2 "
                            + "cannot serve: several replicas need PostgreSQL (OSC_DB_URL=jdbc:postgresql:...), or set "
                            + SETTING + "=none for a single process");
                }
                return value.equals("database") ? DATABASE : KUBERNETES;
            case "auto":
                if (h2) {
                    return NONE;
                }
                // in a pod, always the Lease (its bundle ships in the runtime): a choice that depended on which
                // bundle started first could put replicas on different locks, hence two leaders
                return inPod ? KUBERNETES : DATABASE;
            default:
                throw new IllegalArgumentException(SETTING + " must be auto, none, database or kubernetes, not '"
                        + setting + "'");
        }
    }
}
