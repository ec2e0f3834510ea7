/**
 * The audit trail: one {@link org.osc.server.audit.AuditRecord} per mutating REST request (OSC's API and the
 * plugins' REST views, refused ones included) and per login failure or lockout, made by
 * {@link org.osc.server.audit.AuditFilter}, written as a JSON line to {@code data/logs/audit.log} at once and to the
 * database by one background writer ({@link org.osc.server.audit.AuditWriter}), pruned after the retention, and
 * read at {@code GET /api/server/v1/audit} ({@link org.osc.server.audit.AuditResource}). The same filter gives each
 * request its id ({@code X-Request-Id}) and puts the request id, user and object in the logging MDC. See
 * {@code docs/audit.md}.
 */
package org.osc.server.audit;
