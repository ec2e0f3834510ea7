package org.osc.sdn.api;

import java.util.Objects;

import org.osc.sdn.api.element.ElementKind;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The call names an element the controller does not have: an unknown port, port group, inspection port or
 * hook, or a workload for which the controller has no port (yet). OSC treats it as "not there" and
 * reconciles again later; it never retries the same call blindly.
 */
@ProviderType
public class ElementNotFoundException extends SdnException {

    private static final long serialVersionUID = 1L;

    /** The kind of the missing element. */
    private final ElementKind kind;
    /** The id (or qualified workload name) that was not found. */
    private final String elementId;

    /**
     * Creates the exception with a standard message.
     *
     * @param kind the kind of element that is missing
     * @param elementId the id (or, for a workload, the qualified name) that was not found
     */
    public ElementNotFoundException(ElementKind kind, String elementId) {
        this(kind, elementId, kind + " not found: " + elementId);
    }

    /**
     * Creates the exception with a specific message, e.g. to say why a workload has no port yet.
     *
     * @param kind the kind of element that is missing
     * @param elementId the id (or, for a workload, the qualified name) that was not found
     * @param message the message
     */
    public ElementNotFoundException(ElementKind kind, String elementId, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.elementId = elementId;
    }

    /**
     * The kind of the missing element.
     *
     * @return the kind, never null
     */
    public ElementKind kind() {
        return kind;
    }

    /**
     * The id that was not found.
     *
     * @return the id as given by the caller
     */
    public String elementId() {
        return elementId;
    }
}
