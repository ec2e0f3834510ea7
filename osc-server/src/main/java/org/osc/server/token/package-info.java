/**
 * API tokens: bearer credentials a user makes for their scripts, with a name, an expiry and a role no higher than
 * their own; stored only as a SHA-256 hash, listed and revoked over REST ({@code /tokens}) and oscctl.
 */
package org.osc.server.token;
