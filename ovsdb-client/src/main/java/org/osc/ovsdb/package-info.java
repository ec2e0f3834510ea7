/**
 * A small OVSDB client (RFC 7047 JSON-RPC 1.0 over {@code tcp:} or {@code ssl:}) on Jackson and JDK sockets.
 * {@link org.osc.ovsdb.OvsdbClient} keeps one connection to a server and reconnects by itself with exponential
 * backoff; it offers {@code list_dbs}, {@code get_schema}, {@code transact} (with operations built by
 * {@link org.osc.ovsdb.Operation}) and {@code monitor}. {@link org.osc.ovsdb.Replica} keeps an in-memory copy of
 * selected tables through a monitor, rebuilds it after a reconnect and tells
 * {@link org.osc.ovsdb.ReplicaListener}s only of the differences. OVSDB values are decoded into Java values by
 * {@link org.osc.ovsdb.OvsdbValues}.
 *
 * <p>Exported by the bundle's {@code bnd.bnd} rather than an {@code @Export} annotation, so that a bundle that
 * embeds a private copy (the OVN SDN plugin) does not export it too.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.osc.ovsdb;
