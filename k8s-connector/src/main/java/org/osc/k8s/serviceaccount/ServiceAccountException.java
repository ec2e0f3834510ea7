package org.osc.k8s.serviceaccount;

/** The pod's service account cannot be used; the message says why and names files and variables, never a secret. */
public final class ServiceAccountException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    ServiceAccountException(String reason) {
        super(reason);
    }
}
