package org.osc.sample.manager;

import java.util.List;
import java.util.Map;

/** Builds the REST views from a state snapshot; pure functions, so the views cannot leak working state. */
final class SampleSnapshots {

    private SampleSnapshots() {
    }

    static List<SampleViews.DomainView> domains(SampleState state) {
        return state.domains().stream()
                .map(d -> new SampleViews.DomainView(d.id(), d.name(),
                        state.policies().stream().filter(p -> p.domainId().equals(d.id())).toList()))
                .toList();
    }

    static List<SampleViews.DeviceView> devices(SampleState state) {
        return state.devices().stream()
                .map(d -> new SampleViews.DeviceView(d.id(), d.name(), d.virtualSystemId(), d.domainId(),
                        state.deviceMembers().stream().filter(m -> m.deviceId().equals(d.id())).toList()))
                .toList();
    }

    static SampleViews.SummaryView summary(SampleState state, Map<String, SampleViews.OperationCount> operations) {
        int groupMembers = state.securityGroups().stream().mapToInt(g -> g.members().size()).sum();
        return new SampleViews.SummaryView(state.domains().size(), state.policies().size(), state.devices().size(),
                state.deviceMembers().size(), state.securityGroups().size(), groupMembers,
                state.securityGroupInterfaces().size(), operations);
    }
}
