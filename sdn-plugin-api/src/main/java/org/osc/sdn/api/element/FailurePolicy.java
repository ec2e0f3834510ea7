package org.osc.sdn.api.element;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the controller does with inspected traffic when the inspection port is down. Only controllers
 * advertising {@code osc.sdn.supportsFailurePolicy=true} accept a policy other than {@link #NA}.
 */
@ProviderType
public enum FailurePolicy {
    /** Let traffic bypass the appliance while it is down. */
    FAIL_OPEN,
    /** Drop traffic while the appliance is down. */
    FAIL_CLOSE,
    /** No policy: the controller's default behaviour applies. */
    NA
}
