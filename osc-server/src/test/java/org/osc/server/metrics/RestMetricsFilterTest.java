package org.osc.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Route labels are templates: the application's base, the class's and the method's paths. */
class RestMetricsFilterTest {

    @Path("server/v1/virtualizationConnectors/{vcId}/securityGroups")
    static final class Groups {
        @GET
        public String list() {
            return "";
        }

        @GET
        @Path("/{id}/members/")
        public String members() {
            return "";
        }
    }

    @Test
    void theRouteIsTheTemplateNotThePath() throws Exception {
        assertEquals("/api/server/v1/virtualizationConnectors/{vcId}/securityGroups",
                RestMetricsFilter.template("/api/", Groups.class, Groups.class.getMethod("list")));
        assertEquals("/api/server/v1/virtualizationConnectors/{vcId}/securityGroups/{id}/members",
                RestMetricsFilter.template("/api/", Groups.class, Groups.class.getMethod("members")));
    }
}
