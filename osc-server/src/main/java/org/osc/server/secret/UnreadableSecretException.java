package org.osc.server.secret;

/** A stored secret that cannot be decrypted; the message names its place and why, never the value. */
public final class UnreadableSecretException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param place where the value is stored ({@code table.column})
     * @param why what is wrong with it
     */
    public UnreadableSecretException(String place, String why) {
        super("The stored value of " + place + " " + why);
    }
}
