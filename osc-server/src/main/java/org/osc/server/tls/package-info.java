/**
 * HTTPS for the API port: the server's certificate (a configured PEM or PKCS#12 one, else a self-signed one generated
 * at first start under {@code data/tls/}), the keystore handed to the HTTP server, the reload of configured files
 * when they change, and what the status reports of it. See {@code docs/tls.md}.
 */
package org.osc.server.tls;
