/**
 * Brute-force resistance of logins with a user name and password: failed logins counted per user name and per
 * client address with exponential locks ({@link org.osc.server.login.LoginThrottle}), kept in the database and
 * shared by the replicas; the one entry both the REST API and {@code /metrics} log in through
 * ({@link org.osc.server.login.LoginService}); and the listener interface the audit trail and the metrics are told
 * of refusals and lockouts through ({@link org.osc.server.login.LoginListener}). See
 * {@code docs/login-throttling.md}. Nothing here is exported.
 */
package org.osc.server.login;
