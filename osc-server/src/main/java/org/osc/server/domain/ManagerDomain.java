package org.osc.server.domain;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/** A domain of a manager connector, as read from the manager, with its policies. */
@Entity
@Table(name = "manager_domain")
public class ManagerDomain extends RootEntity {

    @ManyToOne(optional = false)
    @JoinColumn(name = "manager_connector_id")
    private ManagerConnector managerConnector;

    @Column(name = "domain_id", nullable = false, length = 255)
    private String domainId;

    @Column(nullable = false, length = 255)
    private String name;

    @OneToMany(mappedBy = "domain", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("name")
    private List<ManagerPolicy> policies = new ArrayList<>();

    public ManagerConnector getManagerConnector() {
        return managerConnector;
    }

    public void setManagerConnector(ManagerConnector managerConnector) {
        this.managerConnector = managerConnector;
    }

    public String getDomainId() {
        return domainId;
    }

    public void setDomainId(String domainId) {
        this.domainId = domainId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<ManagerPolicy> getPolicies() {
        return policies;
    }
}
