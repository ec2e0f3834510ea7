package org.osc.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A distributed appliance on one virtualization connector: one manager device, deployment specs, bindings. */
@Entity
@Table(name = "virtual_system")
public class VirtualSystem extends RootEntity {

    @ManyToOne(optional = false)
    @JoinColumn(name = "distributed_appliance_id")
    private DistributedAppliance distributedAppliance;

    @ManyToOne(optional = false)
    @JoinColumn(name = "virtualization_connector_id")
    private VirtualizationConnector virtualizationConnector;

    @Column(name = "domain_id", nullable = false, length = Columns.NAME)
    private String domainId;

    @Column(name = "encapsulation_type", length = Columns.TYPE)
    private String encapsulationType;

    @Column(name = "manager_device_id", length = Columns.NAME)
    private String managerDeviceId;

    public DistributedAppliance getDistributedAppliance() {
        return distributedAppliance;
    }

    public void setDistributedAppliance(DistributedAppliance distributedAppliance) {
        this.distributedAppliance = distributedAppliance;
    }

    public VirtualizationConnector getVirtualizationConnector() {
        return virtualizationConnector;
    }

    public void setVirtualizationConnector(VirtualizationConnector virtualizationConnector) {
        this.virtualizationConnector = virtualizationConnector;
    }

    public String getDomainId() {
        return domainId;
    }

    public void setDomainId(String domainId) {
        this.domainId = domainId;
    }

    public String getEncapsulationType() {
        return encapsulationType;
    }

    public void setEncapsulationType(String encapsulationType) {
        this.encapsulationType = encapsulationType;
    }

    public String getManagerDeviceId() {
        return managerDeviceId;
    }

    public void setManagerDeviceId(String managerDeviceId) {
        this.managerDeviceId = managerDeviceId;
    }
}
