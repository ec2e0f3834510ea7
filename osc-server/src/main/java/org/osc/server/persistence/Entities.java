package org.osc.server.persistence;

import java.util.List;

import org.osc.server.domain.Appliance;
import org.osc.server.domain.ApplianceSoftwareVersion;
import org.osc.server.domain.DeploymentSpec;
import org.osc.server.domain.DistributedAppliance;
import org.osc.server.domain.DistributedApplianceInstance;
import org.osc.server.domain.ManagerConnector;
import org.osc.server.domain.ManagerDomain;
import org.osc.server.domain.ManagerPolicy;
import org.osc.server.domain.SecurityGroup;
import org.osc.server.domain.SecurityGroupInterface;
import org.osc.server.domain.SecurityGroupMember;
import org.osc.server.domain.VirtualSystem;
import org.osc.server.domain.VirtualizationConnector;
import org.osc.server.jobstore.JobEntity;
import org.osc.server.jobstore.TaskEntity;
import org.osc.server.token.TokenEntity;
import org.osc.server.user.UserEntity;

/** Every entity class of the server, in one place because Hibernate is bootstrapped without scanning. */
public final class Entities {

    /** The annotated entity classes handed to Hibernate. */
    public static final List<Class<?>> ALL = List.of(UserEntity.class, JobEntity.class, TaskEntity.class,
            VirtualizationConnector.class, ManagerConnector.class, ManagerDomain.class, ManagerPolicy.class,
            Appliance.class, ApplianceSoftwareVersion.class, DistributedAppliance.class, VirtualSystem.class,
            DeploymentSpec.class, DistributedApplianceInstance.class, SecurityGroup.class,
            SecurityGroupMember.class, SecurityGroupInterface.class, TokenEntity.class);

    private Entities() {
    }
}
