/**
 * Secrets encrypted at rest: AES-256-GCM with the JDK's {@code javax.crypto} (no library, no bundle), a key ring
 * in an owner-only key file, converters for the entities' secret columns, the start-up key check and encryption of
 * old plaintext rows, rotation, and owner-only modes for the data folder. See {@code docs/secrets.md}.
 */
package org.osc.server.secret;
