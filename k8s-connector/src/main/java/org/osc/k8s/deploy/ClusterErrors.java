package org.osc.k8s.deploy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import org.osc.platform.api.PlatformException;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Turns a failed request into a {@link PlatformException} whose message a user can act on: which connector,
 * what OSC tried to do with which object, and why it failed, e.g. "Cluster of virtualization connector 'k1'
 * refused to create Deployment osc-vnf-7 in namespace 'shop': forbidden (HTTP 403)". Public for the other parts
 * of the connector (the access check); the package is not exported.
 */
public final class ClusterErrors {

    /** A fully qualified class name and its colon, as the JDK's messages quote their causes. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*: ?");

    private ClusterErrors() {
    }

    /**
     * @param connector the connector's name
     * @param action what OSC tried, as a verb: "create", "read", "scale"
     * @param object kind and name, e.g. "Deployment osc-vnf-7"
     * @param namespace its namespace
     * @param e the failure
     */
    static PlatformException describe(String connector, String action, String object, String namespace,
            KubernetesClientException e) {
        String cluster = "Cluster of virtualization connector '" + connector + "'";
        String what = action + " " + object + " in namespace '" + namespace + "'";
        Throwable io = ioCause(e);
        if (e.getCode() <= 0 && io != null) {
            return new PlatformException(cluster + " could not be reached to " + what + ": " + ioReason(io), e);
        }
        int code = e.getCode();
        String detail = statusMessage(e);
        String message = switch (code) {
            case 401 -> cluster + " refused to " + what
                    + ": unauthorized (HTTP 401); the connector's credentials were not accepted";
            case 403 -> cluster + " refused to " + what + ": forbidden (HTTP 403)" + suffix(detail);
            case 404 -> isNamespaceMissing(e) ? cluster + " could not " + what + ": namespace '" + namespace
                    + "' does not exist" : cluster + " could not " + what + ": not found (HTTP 404)" + suffix(detail);
            case 409 -> cluster + " could not " + what + ": it was changed at the same time (HTTP 409)"
                    + suffix(detail) + "; the next reconcile retries";
            case 422 -> cluster + " rejected the request to " + what + " as invalid (HTTP 422)" + suffix(detail);
            default -> cluster + " failed to " + what + (code > 0 ? ": HTTP " + code : "") + suffix(detail);
        };
        return new PlatformException(message, e);
    }

    /** @return a failure for a namespace that does not exist, named as OSC wanted to use it */
    static PlatformException missingNamespace(String connector, String action, String object, String namespace) {
        return new PlatformException("Cluster of virtualization connector '" + connector + "' could not " + action
                + " " + object + " in namespace '" + namespace + "': namespace '" + namespace + "' does not exist");
    }

    /**
     * @return why the request got no answer (connection refused, timed out, TLS failed), or null when the API
     *     server answered (with an HTTP status)
     */
    public static String networkReason(KubernetesClientException e) {
        Throwable io = ioCause(e);
        return e.getCode() <= 0 && io != null ? ioReason(io) : null;
    }

    private static boolean isNamespaceMissing(KubernetesClientException e) {
        Status status = e.getStatus();
        return status != null && status.getDetails() != null && "namespaces".equals(status.getDetails().getKind());
    }

    /** @return the API server's own message of a failed request, or the first line of fabric8's */
    public static String statusMessage(KubernetesClientException e) {
        Status status = e.getStatus();
        if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
            return status.getMessage();
        }
        // fabric8's own message repeats the operation over several lines; the first is enough.
        return e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    }

    private static String suffix(String detail) {
        return detail == null || detail.isBlank() ? "" : ": " + detail;
    }

    private static Throwable ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return t;
            }
        }
        return null;
    }

    /** Why a handshake failed, in words: the JDK's messages quote class names of its own. */
    private static String tlsReason(Throwable ssl) {
        for (Throwable t = ssl; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return "the API server's certificate is not signed by the CA certificate given (is the CA certificate "
                        + "the API server's?)";
            }
            if (t instanceof CertificateExpiredException) {
                return "the API server's certificate has expired";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "the API server's certificate is not valid yet";
            }
        }
        String message = ssl.getMessage() == null ? "" : CLASS_NAME.matcher(ssl.getMessage()).replaceAll("");
        return message.isBlank() ? "the handshake with the API server failed" : message;
    }

    /** The JDK's connection failures often carry no message: name the kind of failure instead. */
    private static String ioReason(Throwable io) {
        for (Throwable t = io; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "TLS failed: " + tlsReason(t);
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "the host name does not resolve";
            }
        }
        if (io instanceof ConnectException) {
            return "connection refused or unreachable" + (io.getMessage() == null ? "" : " (" + io.getMessage() + ")");
        }
        if (io instanceof HttpTimeoutException) {
            return "timed out";
        }
        return io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
    }
}
