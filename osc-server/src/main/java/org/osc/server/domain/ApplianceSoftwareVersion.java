package org.osc.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A software version of an appliance: for Kubernetes, the VNF container image and its resources. */
@Entity
@Table(name = "appliance_software_version")
public class ApplianceSoftwareVersion extends RootEntity {

    @ManyToOne(optional = false)
    @JoinColumn(name = "appliance_id")
    private Appliance appliance;

    @Column(name = "sw_version", nullable = false, length = Columns.NAME)
    private String swVersion;

    @Column(name = "virtualization_type", nullable = false, length = Columns.TYPE)
    private String virtualizationType;

    @Column(name = "virtualization_version", nullable = false, length = Columns.NAME)
    private String virtualizationVersion;

    @Column(name = "image_url", nullable = false, length = Columns.URL)
    private String imageUrl;

    @Column(name = "image_pull_secret_name", length = Columns.OBJECT_NAME)
    private String imagePullSecretName;

    @Column(name = "cpu_request", length = Columns.QUANTITY)
    private String cpuRequest;

    @Column(name = "memory_request", length = Columns.QUANTITY)
    private String memoryRequest;

    @Column(name = "cpu_limit", length = Columns.QUANTITY)
    private String cpuLimit;

    @Column(name = "memory_limit", length = Columns.QUANTITY)
    private String memoryLimit;

    public Appliance getAppliance() {
        return appliance;
    }

    public void setAppliance(Appliance appliance) {
        this.appliance = appliance;
    }

    public String getSwVersion() {
        return swVersion;
    }

    public void setSwVersion(String swVersion) {
        this.swVersion = swVersion;
    }

    public String getVirtualizationType() {
        return virtualizationType;
    }

    public void setVirtualizationType(String virtualizationType) {
        this.virtualizationType = virtualizationType;
    }

    public String getVirtualizationVersion() {
        return virtualizationVersion;
    }

    public void setVirtualizationVersion(String virtualizationVersion) {
        this.virtualizationVersion = virtualizationVersion;
    }

    public String getImageUrl() {
        return imageUrl;
    }

    public void setImageUrl(String imageUrl) {
        this.imageUrl = imageUrl;
    }

    public String getImagePullSecretName() {
        return imagePullSecretName;
    }

    public void setImagePullSecretName(String imagePullSecretName) {
        this.imagePullSecretName = imagePullSecretName;
    }

    public String getCpuRequest() {
        return cpuRequest;
    }

    public void setCpuRequest(String cpuRequest) {
        this.cpuRequest = cpuRequest;
    }

    public String getMemoryRequest() {
        return memoryRequest;
    }

    public void setMemoryRequest(String memoryRequest) {
        this.memoryRequest = memoryRequest;
    }

    public String getCpuLimit() {
        return cpuLimit;
    }

    public void setCpuLimit(String cpuLimit) {
        this.cpuLimit = cpuLimit;
    }

    public String getMemoryLimit() {
        return memoryLimit;
    }

    public void setMemoryLimit(String memoryLimit) {
        this.memoryLimit = memoryLimit;
    }
}
