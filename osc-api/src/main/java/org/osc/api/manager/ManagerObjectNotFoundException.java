package org.osc.api.manager;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The object a call addresses by its manager-side id (for example the device of
 * {@link ManagerDeviceApi#updateDevice}) does not exist on the manager. OSC reacts by forgetting the id and
 * recreating the object on the next reconciliation. A reference <em>inside</em> the input of a call that
 * names a missing object is a {@link ManagerValidationException} instead.
 */
@ProviderType
public class ManagerObjectNotFoundException extends ManagerException {
    private static final long serialVersionUID = 1L;

    private final String objectType;
    private final String objectId;

    /**
     * Creates the exception.
     *
     * @param objectType kind of object, e.g. {@code "device"} or {@code "securityGroup"}
     * @param objectId the manager-side id that was not found
     */
    public ManagerObjectNotFoundException(String objectType, String objectId) {
        super(objectType + " '" + objectId + "' not found");
        this.objectType = objectType;
        this.objectId = objectId;
    }

    /**
     * Returns the kind of object that was not found.
     *
     * @return e.g. {@code "device"}
     */
    public String getObjectType() {
        return objectType;
    }

    /**
     * Returns the id that was not found.
     *
     * @return the manager-side id passed in by OSC
     */
    public String getObjectId() {
        return objectId;
    }
}
