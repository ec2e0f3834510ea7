package org.osc.server.rest.resource;

import java.util.HashSet;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceDTO;
import org.osgi.service.jakartars.runtime.dto.RuntimeDTO;

/**
 * Whether the REST whiteboard serves every resource this bundle registered: a resource service exists a moment
 * before the whiteboard adds it to its application, and a status that said ready in between would send clients
 * to a 404.
 */
final class ResourcesServed {

    private ResourcesServed() {
    }

    /**
     * @param context this bundle's context
     * @param runtime the whiteboard, or null when it is not there (then nothing is served)
     * @return whether every resource service of this bundle is served
     */
    static boolean all(BundleContext context, JakartarsServiceRuntime runtime) {
        if (runtime == null) {
            return false;
        }
        Set<Long> served = new HashSet<>();
        RuntimeDTO dto = runtime.getRuntimeDTO();
        collect(dto.defaultApplication, served);
        if (dto.applicationDTOs != null) {
            for (ApplicationDTO application : dto.applicationDTOs) {
                collect(application, served);
            }
        }
        try {
            ServiceReference<?>[] resources = context.getServiceReferences((String) null,
                    "(osgi.jakartars.resource=true)");
            if (resources == null) {
                return true;
            }
            Bundle own = context.getBundle();
            for (ServiceReference<?> resource : resources) {
                if (own.equals(resource.getBundle())
                        && !served.contains((Long) resource.getProperty("service.id"))) {
                    return false;
                }
            }
            return true;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(ApplicationDTO application, Set<Long> served) {
        if (application != null && application.resourceDTOs != null) {
            for (ResourceDTO resource : application.resourceDTOs) {
                served.add(resource.serviceId);
            }
        }
    }
}
