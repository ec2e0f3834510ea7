package org.osc.sample.manager;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.osc.api.manager.ApplianceManagerApi;
import org.osc.api.manager.contract.ApplianceManagerContractTest;
import org.osc.api.manager.element.ManagerConnectorElement;

/** Runs the SPI contract against the sample manager, with a fresh state file per test. */
class SampleManagerContractTest extends ApplianceManagerContractTest {

    @TempDir
    Path dir;

    @Override
    protected ApplianceManagerApi createManager() {
        return new SampleManager(dir.resolve("state.json"));
    }

    @Override
    protected ManagerConnectorElement validConnector() {
        return ManagerConnectorElement.withPassword("sample", "10.3.0.2", "admin", "admin123");
    }

    @Override
    protected ManagerConnectorElement badCredentialsConnector() {
        return ManagerConnectorElement.withPassword("sample", "10.3.0.2", "admin", "wrong");
    }

    @Override
    protected ManagerConnectorElement unreachableConnector() {
        return ManagerConnectorElement.withPassword("sample", "unreachable.invalid", "admin", "admin123");
    }

    @Override
    protected Map<String, Object> serviceProperties() {
        try {
            return ComponentDescriptors.properties(SampleManagerComponent.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
