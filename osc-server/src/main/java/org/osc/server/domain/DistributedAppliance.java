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

/** An appliance software version deployed through one manager connector, with one virtual system per virtualization connector. */
@Entity
@Table(name = "distributed_appliance")
public class DistributedAppliance extends RootEntity {

    @Column(nullable = false, unique = true, length = Columns.NAME)
    private String name;

    @ManyToOne(optional = false)
    @JoinColumn(name = "manager_connector_id")
    private ManagerConnector managerConnector;

    @ManyToOne(optional = false)
    @JoinColumn(name = "software_version_id")
    private ApplianceSoftwareVersion softwareVersion;

    @OneToMany(mappedBy = "distributedAppliance", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<VirtualSystem> virtualSystems = new ArrayList<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public ManagerConnector getManagerConnector() {
        return managerConnector;
    }

    public void setManagerConnector(ManagerConnector managerConnector) {
        this.managerConnector = managerConnector;
    }

    public ApplianceSoftwareVersion getSoftwareVersion() {
        return softwareVersion;
    }

    public void setSoftwareVersion(ApplianceSoftwareVersion softwareVersion) {
        this.softwareVersion = softwareVersion;
    }

    public List<VirtualSystem> getVirtualSystems() {
        return virtualSystems;
    }
}
