package org.osc.server.domain;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/** A binding of a security group to a virtual system: policies, order and failure policy; becomes a manager policy mapping and an SDN inspection hook. */
@Entity
@Table(name = "security_group_interface")
public class SecurityGroupInterface extends RootEntity {

    @ManyToOne(optional = false)
    @JoinColumn(name = "security_group_id")
    private SecurityGroup securityGroup;

    @ManyToOne(optional = false)
    @JoinColumn(name = "virtual_system_id")
    private VirtualSystem virtualSystem;

    @Column(nullable = false, length = Columns.NAME)
    private String name;

    @ElementCollection
    @CollectionTable(name = "security_group_interface_policy", joinColumns = @JoinColumn(name = "interface_id"))
    @Column(name = "policy_id", nullable = false, length = Columns.NAME)
    @OrderColumn(name = "position")
    private List<String> policyIds = new ArrayList<>();

    @Column(name = "chain_order", nullable = false)
    private int chainOrder;

    @Column(name = "failure_policy", nullable = false, length = 16)
    private String failurePolicyType;

    @Column(name = "manager_interface_id", length = Columns.NAME)
    private String managerInterfaceId;

    @Column(name = "inspection_hook_id", length = Columns.NAME)
    private String inspectionHookId;

    public SecurityGroup getSecurityGroup() {
        return securityGroup;
    }

    public void setSecurityGroup(SecurityGroup securityGroup) {
        this.securityGroup = securityGroup;
    }

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

    public List<String> getPolicyIds() {
        return policyIds;
    }

    public int getChainOrder() {
        return chainOrder;
    }

    public void setChainOrder(int chainOrder) {
        this.chainOrder = chainOrder;
    }

    public String getFailurePolicyType() {
        return failurePolicyType;
    }

    public void setFailurePolicyType(String failurePolicyType) {
        this.failurePolicyType = failurePolicyType;
    }

    public String getManagerInterfaceId() {
        return managerInterfaceId;
    }

    public void setManagerInterfaceId(String managerInterfaceId) {
        this.managerInterfaceId = managerInterfaceId;
    }

    public String getInspectionHookId() {
        return inspectionHookId;
    }

    public void setInspectionHookId(String inspectionHookId) {
        this.inspectionHookId = inspectionHookId;
    }
}
