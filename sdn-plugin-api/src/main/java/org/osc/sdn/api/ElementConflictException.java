package org.osc.sdn.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The call contradicts the controller's current state: removing a port group or an inspection port that an
 * inspection hook still uses, or moving a hook onto an element/inspection port pair another hook already
 * holds. Nothing was changed; OSC resolves the conflict (removes or moves the hooks) and tries again.
 */
@ProviderType
public class ElementConflictException extends SdnException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which elements conflict
     */
    public ElementConflictException(String message) {
        super(message);
    }
}
