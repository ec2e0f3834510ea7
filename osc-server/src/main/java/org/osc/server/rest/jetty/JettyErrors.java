package org.osc.server.rest.jetty;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;

/**
 * Makes the errors Jetty answers itself, before a request reaches OSC's REST servlet (a path with {@code %00},
 * {@code %0A}, {@code %7F}, {@code %5C} or {@code %2F}, a malformed request line, headers that are too large), OSC's
 * problem+json ({@link ProblemErrorHandler}) instead of Jetty's HTML page.
 *
 * <p>Felix HTTP Jetty offers no setting or service for the server's error handler, but it hands its Jetty server to
 * every {@link ConnectorFactory} service once the server runs (again after each restart of it), and stops and
 * removes the connector when the service goes. The connector made here is an in-memory one that listens on no port
 * and never serves a request (no acceptor); it only installs the error handler while it runs, and puts the previous
 * one back when it stops, so no class of this bundle stays in Jetty after the bundle is gone.
 *
 * <p>Felix takes every connector for a network one when it registers its HTTP runtime (it fails on any other, and
 * then no servlet is served at all); so this factory is offered only while that runtime is registered, which Felix
 * does after it asked the factories present at start, and which it withdraws before it stops or restarts Jetty.
 *
 * <p>GAP: this uses an extension point for its side effect, because Felix HTTP Jetty 1.1 has no other way to set
 * the error handler. Between Jetty's start and the HTTP runtime's registration (milliseconds, before any servlet
 * is served) Jetty's own HTML page answers; and a Felix version that reads the connectors again later would meet
 * the in-memory one. An error-handler service or setting in Felix would replace this class.
 */
@Component(service = ConnectorFactory.class)
public class JettyErrors implements ConnectorFactory {

    // Only its presence matters: see above.
    @Reference
    private HttpServiceRuntime http;

    @Override
    public Connector createConnector(Server server) {
        return new Installer(server);
    }

    /** A connector without a port whose life is the time {@link ProblemErrorHandler} is Jetty's error handler. */
    private static final class Installer extends LocalConnector {

        private Request.Handler previous;

        Installer(Server server) {
            super(server, null, null, null, 0, new HttpConnectionFactory());
            setName("osc-problem-errors");
        }

        @Override
        protected void doStart() throws Exception {
            previous = getServer().getErrorHandler();
            getServer().setErrorHandler(new ProblemErrorHandler());
            super.doStart();
        }

        @Override
        protected void doStop() throws Exception {
            super.doStop();
            if (getServer().getErrorHandler() instanceof ProblemErrorHandler) {
                getServer().setErrorHandler(previous);
            }
        }
    }
}
