package org.osc.server.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A label member of a security group: pods carrying {@code key=value} belong to it. */
@Entity
@Table(name = "security_group_member")
public class SecurityGroupMember extends RootEntity {

    @ManyToOne(optional = false)
    @JoinColumn(name = "security_group_id")
    private SecurityGroup securityGroup;

    @Column(nullable = false, length = Columns.NAME)
    private String name;

    @Column(name = "member_type", nullable = false, length = 16)
    private String type;

    @Column(nullable = false, length = Columns.LABEL)
    private String label;

    public SecurityGroup getSecurityGroup() {
        return securityGroup;
    }

    public void setSecurityGroup(SecurityGroup securityGroup) {
        this.securityGroup = securityGroup;
    }

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

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }
}
