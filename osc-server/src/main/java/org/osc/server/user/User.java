package org.osc.server.user;

import java.time.Instant;

/** A user as the rest of the server sees it: never with its password or hash. */
public record User(String name, Role role, Instant created) {
}
