package org.osc.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One VNF pod of a deployment spec, with its network identity and inspection port. */
@Entity
@Table(name = "distributed_appliance_instance")
public class DistributedApplianceInstance extends RootEntity {

    @ManyToOne(optional = false)
    @JoinColumn(name = "deployment_spec_id")
    private DeploymentSpec deploymentSpec;

    @Column(nullable = false, length = 253)
    private String name;

    @Column(name = "pod_uid", nullable = false, length = 64)
    private String podUid;

    @Column(nullable = false, length = 63)
    private String namespace;

    @Column(name = "ip_address", length = 64)
    private String ipAddress;

    @Column(name = "mac_address", length = 32)
    private String macAddress;

    @Column(name = "inspection_port_id", length = 255)
    private String inspectionPortId;

    @Column(name = "manager_member_id", length = 255)
    private String managerMemberId;

    @Column(name = "inspection_ready", nullable = false)
    private boolean inspectionReady;

    /** The pod's readiness as the platform reports it: hooks only redirect to instances whose pod is ready. */
    @Column(name = "pod_ready", nullable = false)
    private boolean podReady = true;

    public DeploymentSpec getDeploymentSpec() {
        return deploymentSpec;
    }

    public void setDeploymentSpec(DeploymentSpec deploymentSpec) {
        this.deploymentSpec = deploymentSpec;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPodUid() {
        return podUid;
    }

    public void setPodUid(String podUid) {
        this.podUid = podUid;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getIpAddress() {
        return ipAddress;
    }

    public void setIpAddress(String ipAddress) {
        this.ipAddress = ipAddress;
    }

    public String getMacAddress() {
        return macAddress;
    }

    public void setMacAddress(String macAddress) {
        this.macAddress = macAddress;
    }

    public String getInspectionPortId() {
        return inspectionPortId;
    }

    public void setInspectionPortId(String inspectionPortId) {
        this.inspectionPortId = inspectionPortId;
    }

    public String getManagerMemberId() {
        return managerMemberId;
    }

    public void setManagerMemberId(String managerMemberId) {
        this.managerMemberId = managerMemberId;
    }

    public boolean isInspectionReady() {
        return inspectionReady;
    }

    public void setInspectionReady(boolean inspectionReady) {
        this.inspectionReady = inspectionReady;
    }

    public boolean isPodReady() {
        return podReady;
    }

    public void setPodReady(boolean podReady) {
        this.podReady = podReady;
    }
}
