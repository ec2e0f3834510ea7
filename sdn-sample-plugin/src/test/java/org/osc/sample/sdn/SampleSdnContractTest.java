package org.osc.sample.sdn;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.osc.sample.sdn.SampleSdnViews.PortRequest;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.contract.ComponentDescription;
import org.osc.sdn.api.contract.SdnControllerContractTest;
import org.osc.sdn.api.element.WorkloadIdentity;

/** Runs the SPI contract against the sample controller, with the capabilities its component advertises. */
class SampleSdnContractTest extends SdnControllerContractTest {

    @TempDir
    Path dir;

    private SampleSdnController sample;

    @Override
    protected SdnControllerApi createController() {
        sample = new SampleSdnController(dir.resolve("state.json"), "1.0.0.test");
        return sample;
    }

    @Override
    protected void givenWorkload(WorkloadIdentity workload) {
        // Told over the admin path, as a test would do with PUT /api/sample/sdn/ports/{namespace}/{name}.
        sample.putPort(workload.namespace(), workload.name(), new PortRequest(null, null, workload.ipAddresses()));
    }

    @Override
    protected Map<String, Object> serviceProperties() {
        return ComponentDescription.properties(SampleSdnComponent.class.getName());
    }
}
