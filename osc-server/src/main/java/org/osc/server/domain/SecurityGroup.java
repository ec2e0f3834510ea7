package org.osc.server.domain;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/** Workloads to protect on a virtualization connector: pods matching any label member, optionally only in some namespaces. */
@Entity
@Table(name = "security_group")
public class SecurityGroup extends RootEntity {

    @ManyToOne(optional = false)
    @JoinColumn(name = "virtualization_connector_id")
    private VirtualizationConnector virtualizationConnector;

    @Column(nullable = false, length = Columns.NAME)
    private String name;

    @Column(name = "protect_all", nullable = false)
    private boolean protectAll;

    @ElementCollection
    @CollectionTable(name = "security_group_namespace", joinColumns = @JoinColumn(name = "security_group_id"))
    @Column(name = "namespace", nullable = false, length = Columns.NAMESPACE)
    @OrderColumn(name = "position")
    private List<String> namespaces = new ArrayList<>();

    @OneToMany(mappedBy = "securityGroup", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<SecurityGroupMember> members = new ArrayList<>();

    @OneToMany(mappedBy = "securityGroup", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<SecurityGroupInterface> bindings = new ArrayList<>();

    @Column(name = "manager_group_id", length = Columns.NAME)
    private String managerGroupId;

    @Column(name = "port_group_id", length = Columns.NAME)
    private String portGroupId;

    public VirtualizationConnector getVirtualizationConnector() {
        return virtualizationConnector;
    }

    public void setVirtualizationConnector(VirtualizationConnector virtualizationConnector) {
        this.virtualizationConnector = virtualizationConnector;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isProtectAll() {
        return protectAll;
    }

    public void setProtectAll(boolean protectAll) {
        this.protectAll = protectAll;
    }

    public List<String> getNamespaces() {
        return namespaces;
    }

    public List<SecurityGroupMember> getMembers() {
        return members;
    }

    public List<SecurityGroupInterface> getBindings() {
        return bindings;
    }

    public String getManagerGroupId() {
        return managerGroupId;
    }

    public void setManagerGroupId(String managerGroupId) {
        this.managerGroupId = managerGroupId;
    }

    public String getPortGroupId() {
        return portGroupId;
    }

    public void setPortGroupId(String portGroupId) {
        this.portGroupId = portGroupId;
    }
}
