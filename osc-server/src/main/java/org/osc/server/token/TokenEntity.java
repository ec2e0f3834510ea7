package org.osc.server.token;

import java.time.Instant;
import java.util.HexFormat;

import org.osc.server.domain.Columns;
import org.osc.server.user.Role;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A stored API token: its owner's id, a name, the SHA-256 of its secret, a role, an expiry. */
@Entity
@Table(name = "api_token")
public class TokenEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Column(nullable = false, length = Columns.USER_NAME)
    private String name;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(nullable = false)
    private Instant created;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected TokenEntity() {
        // for Hibernate
    }

    TokenEntity(long userId, String name, Role role, Instant created, Instant expiresAt) {
        this.userId = userId;
        this.name = name;
        this.role = role;
        this.created = created;
        this.expiresAt = expiresAt;
        // replaced by the real hash once the id (part of the token's text) is known, in the same transaction
        this.secretHash = "0".repeat(64);
    }

    Long getId() {
        return id;
    }

    Long getUserId() {
        return userId;
    }

    String getName() {
        return name;
    }

    byte[] secretHash() {
        return HexFormat.of().parseHex(secretHash);
    }

    void setSecretHash(String hex) {
        this.secretHash = hex;
    }

    Role getRole() {
        return role;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }

    ApiToken toToken(String owner) {
        return new ApiToken(id, name, owner, role, created, expiresAt, lastUsedAt);
    }
}
