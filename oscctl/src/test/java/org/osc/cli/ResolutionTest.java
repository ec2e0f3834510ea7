package org.osc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Names wherever ids are: unique names resolve, ambiguous ones are usage errors, missing ones not found. */
class ResolutionTest extends FakeServerTest {

    private static final String VCS = "{\"items\":[{\"id\":3,\"name\":\"cluster-1\"},{\"id\":5,\"name\":\"twin\"},"
            + "{\"id\":6,\"name\":\"twin\"}]}";

    @Override
    FakeServer routes(FakeServer fresh) {
        return fresh.on("GET", "virtualizationConnectors", 200, VCS)
                .on("GET", "virtualizationConnectors/3", 200, "{\"id\":3,\"name\":\"cluster-1\"}")
                .on("GET", "virtualizationConnectors/3/securityGroups", 200,
                        "{\"items\":[{\"id\":8,\"name\":\"web\"}]}")
                .on("GET", "virtualizationConnectors/3/securityGroups/8/members", 200, "{\"items\":[]}")
                .on("GET", "catalog", 200, "{\"items\":[{\"id\":2,\"model\":\"fw-1\"}]}")
                .on("GET", "catalog/2/versions", 200, "{\"items\":[{\"id\":9,\"swVersion\":\"1.0\"}]}")
                .on("GET", "catalog/2/versions/9", 200, "{\"id\":9,\"swVersion\":\"1.0\"}")
                .on("GET", "users/bob%20smith", 200, "{\"name\":\"bob smith\",\"role\":\"auditor\"}");
    }

    @Test
    void aUniqueNameResolvesToItsId() {
        Cli.Result result = Cli.against(server, home).run("get", "vc", "cluster-1");
        assertEquals(0, result.code(), result.toString());
        assertEquals(1, server.requests("GET", "virtualizationConnectors/3").size());
        assertTrue(result.out().contains("cluster-1"), result.out());
    }

    @Test
    void anIdIsUsedAsIsWithoutListing() {
        assertEquals(0, Cli.against(server, home).run("get", "vc", "3").code());
        assertEquals(0, server.requests("GET", "virtualizationConnectors").size());
    }

    @Test
    void anAmbiguousNameIsAUsageErrorListingTheIds() {
        Cli.Result result = Cli.against(server, home).run("get", "vc", "twin");
        assertEquals(ExitCodes.USAGE, result.code(), result.toString());
        assertEquals("error: 2 virtualization connectors are named 'twin' (ids 5, 6); give the id\n", result.err());
    }

    @Test
    void aMissingNameIsNotFound() {
        Cli.Result result = Cli.against(server, home).run("delete", "vc", "nosuch");
        assertEquals(ExitCodes.NOT_FOUND, result.code(), result.toString());
        assertEquals("error: no virtualization connector named 'nosuch'\n", result.err());
        assertEquals(0, server.requests("DELETE", "virtualizationConnectors/nosuch").size());
    }

    @Test
    void parentsResolveByNameToo() {
        Cli.Result result = Cli.against(server, home).run("list", "members", "--vc", "cluster-1", "--sg", "web");
        assertEquals(0, result.code(), result.toString());
        assertEquals(1, server.requests("GET", "virtualizationConnectors/3/securityGroups/8/members").size());

        Cli.Result missing = Cli.against(server, home).run("get", "sg", "api", "--vc", "cluster-1");
        assertEquals(ExitCodes.NOT_FOUND, missing.code());
        assertEquals("error: no security group named 'api' in vc 3\n", missing.err());

        Cli.Result version = Cli.against(server, home).run("get", "versions", "1.0", "--appliance", "fw-1");
        assertEquals(0, version.code(), version.toString());
        assertTrue(version.out().contains("SW-VERSION"), version.out());
    }

    @Test
    void usersAndPluginsAreAddressedByTheirEscapedName() {
        Cli.Result result = Cli.against(server, home).run("get", "user", "bob smith");
        assertEquals(0, result.code(), result.toString());
        assertEquals(1, server.requests("GET", "users/bob%20smith").size());
    }

    @Test
    void jobsTakeIdsOnly() {
        Cli.Result result = Cli.against(server, home).run("get", "jobs", "last");
        assertEquals(ExitCodes.USAGE, result.code());
        assertTrue(result.err().contains("jobs are referred to by id"), result.err());
        assertEquals(ExitCodes.USAGE, Cli.against(server, home).run("job", "last").code());
    }
}
