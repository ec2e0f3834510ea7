package org.osc.server.persistence;

import java.util.List;

import org.osc.server.jobstore.JobEntity;
import org.osc.server.jobstore.TaskEntity;
import org.osc.server.user.UserEntity;

/** Every entity class of the server, in one place because Hibernate is bootstrapped without scanning. */
public final class Entities {

    /** The annotated entity classes handed to Hibernate. */
    public static final List<Class<?>> ALL = List.of(UserEntity.class, JobEntity.class, TaskEntity.class);

    private Entities() {
    }
}
