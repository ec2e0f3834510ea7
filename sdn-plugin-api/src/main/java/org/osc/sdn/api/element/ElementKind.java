package org.osc.sdn.api.element;

import org.osgi.annotation.versioning.ProviderType;

/** The kinds of element an SDN controller keeps for OSC; used in references and in not-found errors. */
@ProviderType
public enum ElementKind {
    /** A workload's network port, found by {@code RedirectionSession#getWorkloadPort}. */
    PORT,
    /** A named set of ports registered by OSC (one per security group). */
    PORT_GROUP,
    /** The ingress/egress port pair of a security appliance (VNF) instance. */
    INSPECTION_PORT,
    /** A redirection rule from an inspected element to an inspection port. */
    INSPECTION_HOOK,
    /** A workload (pod) the controller has no port for. */
    WORKLOAD
}
