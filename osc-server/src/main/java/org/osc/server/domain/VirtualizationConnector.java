package org.osc.server.domain;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;
import org.osc.server.secret.SealedColumns;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

/**
 * How to reach a Kubernetes cluster (exactly one way: kubeconfig, API server URL + token, or in-cluster), and
 * which SDN plugin ({@code controllerType}) steers its traffic, with the settings that plugin needs to reach its
 * controller ({@code controllerAttributes}). {@code kubeconfig}, {@code token} and the secret controller
 * attributes are secrets, encrypted at rest ({@code org.osc.server.secret}).
 *
 * <p>The controller attributes live in two child tables, one row per attribute: the plain ones, and the secrets
 * (keys ending in Key, Password, Secret or Token), kept apart so that only their column is encrypted at rest. Both
 * are loaded lazily, for all connectors of a query at once.
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

    // Encrypted at rest (org.osc.server.secret), as are the token and the secret controller attributes; the API
    // takes at most Columns.DOCUMENT, TOKEN and ATTRIBUTE_VALUE characters of them.
    @Convert(converter = SealedColumns.Kubeconfig.class)
    @Column(name = "kubeconfig", length = Columns.KUBECONFIG_SEALED)
    private String kubeconfig;

    @Column(name = "kube_context", length = Columns.NAME)
    private String context;

    @Column(name = "api_server_url", length = Columns.URL)
    private String apiServerUrl;

    @Convert(converter = SealedColumns.BearerToken.class)
    @Column(name = "token", length = Columns.TOKEN_SEALED)
    private String token;

    @Column(name = "ca_certificate", length = Columns.DOCUMENT)
    private String caCertificate;

    @Column(name = "in_cluster", nullable = false)
    private boolean inCluster;

    @ElementCollection
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "vc_controller_attribute", joinColumns = @JoinColumn(name = "virtualization_connector_id"))
    @MapKeyColumn(name = "attr_key", length = Columns.ATTRIBUTE_KEY)
    @Column(name = "attr_value", nullable = false, length = Columns.ATTRIBUTE_VALUE)
    private Map<String, String> controllerAttributes = new HashMap<>();

    @ElementCollection
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "vc_controller_secret", joinColumns = @JoinColumn(name = "virtualization_connector_id"))
    @MapKeyColumn(name = "attr_key", length = Columns.ATTRIBUTE_KEY)
    @Convert(converter = SealedColumns.ControllerSecret.class, attributeName = "value")
    @Column(name = "secret_value", nullable = false, length = Columns.SECRET_ATTRIBUTE_VALUE)
    private Map<String, String> controllerSecrets = new HashMap<>();

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

    /** @return the controller attributes that are not secrets, sorted by key */
    public SortedMap<String, String> getControllerAttributes() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(controllerAttributes));
    }

    /** Replaces the controller attributes that are not secrets. */
    public void setControllerAttributes(Map<String, String> attributes) {
        replace(controllerAttributes, attributes);
    }

    /** @return the secret controller attributes, sorted by key */
    public SortedMap<String, String> getControllerSecrets() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(controllerSecrets));
    }

    /** Replaces the secret controller attributes. */
    public void setControllerSecrets(Map<String, String> secrets) {
        replace(controllerSecrets, secrets);
    }

    /** Changes the (possibly persistent) map in place, writing only the rows that differ. */
    private static void replace(Map<String, String> stored, Map<String, String> wanted) {
        stored.keySet().retainAll(wanted.keySet());
        wanted.forEach((key, value) -> {
            if (!value.equals(stored.get(key))) {
                stored.put(key, value);
            }
        });
    }
}
