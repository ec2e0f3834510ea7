package org.osc.server.domain;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/** A catalog entry: an appliance model for a manager type and version. */
@Entity
@Table(name = "appliance")
public class Appliance extends RootEntity {

    @Column(nullable = false, unique = true, length = Columns.NAME)
    private String model;

    @Column(name = "manager_type", nullable = false, length = Columns.NAME)
    private String managerType;

    @Column(name = "manager_version", nullable = false, length = Columns.NAME)
    private String managerVersion;

    @OneToMany(mappedBy = "appliance", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("swVersion")
    private List<ApplianceSoftwareVersion> versions = new ArrayList<>();

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getManagerType() {
        return managerType;
    }

    public void setManagerType(String managerType) {
        this.managerType = managerType;
    }

    public String getManagerVersion() {
        return managerVersion;
    }

    public void setManagerVersion(String managerVersion) {
        this.managerVersion = managerVersion;
    }

    public List<ApplianceSoftwareVersion> getVersions() {
        return versions;
    }
}
