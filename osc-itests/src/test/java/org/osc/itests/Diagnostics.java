package org.osc.itests;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** What is not running in the framework, for a failure message that says why the server is not up. */
final class Diagnostics {

    private Diagnostics() {
    }

    static String describe(BundleContext context) {
        StringBuilder text = new StringBuilder();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get("Fragment-Host") != null;
            if (bundle.getState() != Bundle.ACTIVE && !fragment) {
                text.append("\n  bundle ").append(bundle.getSymbolicName()).append(" state ").append(bundle.getState());
            }
        }
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        if (ref == null) {
            return text.append("\n  no ServiceComponentRuntime").toString();
        }
        ServiceComponentRuntime scr = context.getService(ref);
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO config : scr.getComponentConfigurationDTOs(description)) {
                if (config.state != ComponentConfigurationDTO.ACTIVE && config.state != ComponentConfigurationDTO.SATISFIED) {
                    text.append("\n  component ").append(description.name).append(" state ").append(config.state);
                    if (config.failure != null) {
                        text.append(" failure ").append(config.failure.lines().findFirst().orElse(""));
                    }
                    for (UnsatisfiedReferenceDTO unsatisfied : config.unsatisfiedReferences) {
                        text.append(" missing ").append(unsatisfied.name);
                    }
                }
            }
            if (scr.getComponentConfigurationDTOs(description).isEmpty()) {
                text.append("\n  component ").append(description.name).append(" has no configuration (disabled or "
                        + "waiting for configuration)");
            }
        }
        return text.toString();
    }
}
