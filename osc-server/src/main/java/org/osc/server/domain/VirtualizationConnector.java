package org.osc.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * How to reach a Kubernetes cluster (exactly one way: kubeconfig, API server URL + token, or in-cluster), and
 * which SDN plugin ({@code controllerType}) steers its traffic. {@code kubeconfig} and {@code token} are secrets.
 */
@Entity
@Table(name = "virtualization_connector")
public class VirtualizationConnector extends RootEntity {

    @Column(nullable = false, unique = true, length = Columns.NAME)
    private String name;

    @Column(name = "vc_type", nullable = false, length = Columns.TYPE)
    private String type;

    @Column(name = "controller_type", nullable = false, length = Columns.NAME)
    private String controllerType;

    @Column(name = "kubeconfig", length = Columns.DOCUMENT)
    private String kubeconfig;

    @Column(name = "kube_context", length = Columns.NAME)
    private String context;

    @Column(name = "api_server_url", length = Columns.URL)
    private String apiServerUrl;

    @Column(name = "token", length = Columns.TOKEN)
    private String token;

    @Column(name = "ca_certificate", length = Columns.DOCUMENT)
    private String caCertificate;

    @Column(name = "in_cluster", nullable = false)
    private boolean inCluster;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getControllerType() {
        return controllerType;
    }

    public void setControllerType(String controllerType) {
        this.controllerType = controllerType;
    }

    public String getKubeconfig() {
        return kubeconfig;
    }

    public void setKubeconfig(String kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    public String getContext() {
        return context;
    }

    public void setContext(String context) {
        this.context = context;
    }

    public String getApiServerUrl() {
        return apiServerUrl;
    }

    public void setApiServerUrl(String apiServerUrl) {
        this.apiServerUrl = apiServerUrl;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    public void setCaCertificate(String caCertificate) {
        this.caCertificate = caCertificate;
    }

    public boolean isInCluster() {
        return inCluster;
    }

    public void setInCluster(boolean inCluster) {
        this.inCluster = inCluster;
    }
}
