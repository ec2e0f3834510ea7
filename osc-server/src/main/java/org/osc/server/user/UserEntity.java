package org.osc.server.user;

import java.time.Instant;

import org.osc.server.domain.Columns;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A stored user: a unique name, a bcrypt hash of the password, a role. */
@Entity
@Table(name = "osc_user")
public class UserEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = Columns.USER_NAME)
    private String name;

    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(nullable = false)
    private Instant created;

    protected UserEntity() {
        // for Hibernate
    }

    UserEntity(String name, String passwordHash, Role role, Instant created) {
        this.name = name;
        this.passwordHash = passwordHash;
        this.role = role;
        this.created = created;
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    Role getRole() {
        return role;
    }

    void setRole(Role role) {
        this.role = role;
    }

    Instant getCreated() {
        return created;
    }

    User toUser() {
        return new User(name, role, created);
    }
}
