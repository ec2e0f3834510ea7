package org.osc.sample.manager;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the sample manager (PID {@value SampleManagerComponent#PID}). The keys start with a dot
 * ({@code .username}, {@code .password}) because DS never copies such private properties onto the service
 * registration, so the password is not published in the service registry.
 */
@ObjectClassDefinition(name = "OSC Sample Security Manager",
        description = "The account the sample security manager accepts from manager connectors.")
public @interface SampleManagerConfig {

    /** @return the accepted username, key {@code .username} */
    @AttributeDefinition(name = "Username", description = "Username the sample manager accepts.")
    String _username() default "admin";

    /** @return the accepted password, key {@code .password} */
    @AttributeDefinition(name = "Password", description = "Password the sample manager accepts.",
            type = AttributeType.PASSWORD)
    String _password() default "admin123";
}
