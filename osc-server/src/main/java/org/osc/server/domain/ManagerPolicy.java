package org.osc.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A policy of a manager domain, as read from the manager. */
@Entity
@Table(name = "manager_policy")
public class ManagerPolicy extends RootEntity {

    @ManyToOne(optional = false)
    @JoinColumn(name = "manager_domain_id")
    private ManagerDomain domain;

    @Column(name = "policy_id", nullable = false, length = 255)
    private String policyId;

    @Column(nullable = false, length = 255)
    private String name;

    public ManagerDomain getDomain() {
        return domain;
    }

    public void setDomain(ManagerDomain domain) {
        this.domain = domain;
    }

    public String getPolicyId() {
        return policyId;
    }

    public void setPolicyId(String policyId) {
        this.policyId = policyId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
