package org.osc.server.tls;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;

/**
 * Reloads the certificate of the running HTTP server in place: {@link ServerTls} rewrites the keystore file under
 * the password Jetty already has, and this tells the TLS connector's {@code SslContextFactory} to read it again
 * (Jetty's own reload, the one its keystore scanner uses). New handshakes get the new certificate at once;
 * connections already open keep theirs; the server does not restart, so no connection is refused.
 *
 * <p>Felix HTTP Jetty does not expose its connectors, but it hands its Jetty server to every
 * {@link ConnectorFactory} service once the server runs (again after each restart of it), the way
 * {@code rest.jetty.JettyErrors} reaches it too. The connector made here listens on no port and serves nothing; while
 * it runs, it lets {@link ServerTls} reach the server's TLS connector. It is offered only while the HTTP runtime is
 * registered (see {@code JettyErrors} why) and while there is a {@link ServerTls} (not in plain HTTP). Without it
 * (before the server runs), a reload falls back to a new configuration for the HTTP server, which restarts it.
 */
@Component(service = ConnectorFactory.class)
public class JettyKeystoreReload implements ConnectorFactory {

    // Only its presence matters: see above.
    @Reference
    private HttpServiceRuntime http;

    @Reference
    private ServerTls tls;

    /** For Declarative Services, which sets the references. */
    public JettyKeystoreReload() {
    }

    /** @param tls the certificate that a running server's TLS connector reloads */
    JettyKeystoreReload(ServerTls tls) {
        this.tls = tls;
    }

    @Override
    public Connector createConnector(Server server) {
        return new Handle(server, tls);
    }

    /**
     * @return the TLS connection factory's context factory of the server's network connectors
     * @throws IllegalStateException when the server has no TLS connector
     */
    static SslContextFactory.Server sslContextFactory(Server server) {
        for (Connector connector : server.getConnectors()) {
            for (ConnectionFactory factory : connector.getConnectionFactories()) {
                if (factory instanceof SslConnectionFactory ssl) {
                    return ssl.getSslContextFactory();
                }
            }
        }
        throw new IllegalStateException("the HTTP server has no TLS connector");
    }

    /** A connector without a port whose life is the time {@link ServerTls} reloads through it. */
    private static final class Handle extends LocalConnector implements ServerTls.KeystoreReload {

        private final ServerTls tls;

        Handle(Server server, ServerTls tls) {
            super(server, null, null, null, 0, new HttpConnectionFactory());
            this.tls = tls;
            setName("osc-tls-reload");
        }

        @Override
        public void reload() throws Exception {
            sslContextFactory(getServer()).reload(context -> {
                // the same file and password: its content is what changed
            });
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            tls.inPlace(this);
        }

        @Override
        protected void doStop() throws Exception {
            tls.notInPlace(this);
            super.doStop();
        }
    }
}
