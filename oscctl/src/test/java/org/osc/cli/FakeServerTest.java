package org.osc.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test of oscctl against a {@link FakeServer} made for each test and stopped after it, in a home of its own. */
abstract class FakeServerTest {

    @TempDir
    Path home;

    FakeServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = routes(new FakeServer());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** @return the server with the answers every test of the class needs (none unless a class says) */
    FakeServer routes(FakeServer fresh) {
        return fresh;
    }
}
