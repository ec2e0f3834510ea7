package org.osc.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** Where and how many VNF pods of a virtual system run: a namespace and a replica count. */
@Entity
@Table(name = "deployment_spec")
public class DeploymentSpec extends RootEntity {

    @ManyToOne(optional = false)
    @JoinColumn(name = "virtual_system_id")
    private VirtualSystem virtualSystem;

    @Column(nullable = false, length = Columns.NAME)
    private String name;

    @Column(nullable = false, length = Columns.NAMESPACE)
    private String namespace;

    @Column(name = "replica_count", nullable = false)
    private int count;

    public VirtualSystem getVirtualSystem() {
        return virtualSystem;
    }

    public void setVirtualSystem(VirtualSystem virtualSystem) {
        this.virtualSystem = virtualSystem;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public int getCount() {
        return count;
    }

    public void setCount(int count) {
        this.count = count;
    }
}
