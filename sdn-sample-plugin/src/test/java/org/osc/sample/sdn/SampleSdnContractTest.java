package org.osc.sample.sdn;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.osc.sample.sdn.SampleSdnViews.PortRequest;
import org.osc.sdn.api.SdnControllerApi;
import org.osc.sdn.api.contract.ComponentDescription;
import org.osc.sdn.api.contract.SdnControllerContractTest;
import org.osc.sdn.api.element.ElementKind;
import org.osc.sdn.api.element.WorkloadIdentity;

/**
 * Runs the SPI contract against the sample controller, with the capabilities its component advertises, and
 * the push-channel tests with drift made through the admin path.
 */
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
    protected boolean changeElementOutOfBand(ElementKind kind, String elementId) {
        // As a test would with DELETE /api/sample/sdn/{port-groups|inspection-ports|hooks}/{id}.
        return switch (kind) {
            case PORT_GROUP -> sample.deletePortGroup(elementId);
            case INSPECTION_PORT -> sample.deleteInspectionPort(elementId);
            case INSPECTION_HOOK -> sample.deleteHook(elementId);
            default -> false;
        };
    }

    @Override
    protected Map<String, Object> serviceProperties() {
        return ComponentDescription.properties(SampleSdnComponent.class.getName());
    }
}
