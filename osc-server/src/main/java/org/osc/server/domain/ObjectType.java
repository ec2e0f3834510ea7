package org.osc.server.domain;

import org.osc.server.job.ObjectRef;

/** The kinds of root object that jobs work on and reconcilers reconcile. */
public enum ObjectType {
    VIRTUALIZATION_CONNECTOR, MANAGER_CONNECTOR, APPLIANCE, APPLIANCE_SOFTWARE_VERSION, DISTRIBUTED_APPLIANCE,
    VIRTUAL_SYSTEM, DEPLOYMENT_SPEC, DISTRIBUTED_APPLIANCE_INSTANCE, SECURITY_GROUP, SECURITY_GROUP_INTERFACE;

    /** @return a reference to the object of this type with that id */
    public ObjectRef ref(long id) {
        return ObjectRef.of(name(), id);
    }
}
