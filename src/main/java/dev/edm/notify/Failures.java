package dev.edm.notify;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/** Says in plain words why a connection failed: DNS, refused, timeout, TLS, or the root message. */
final class Failures {
    private Failures() {}

    static String describe(Throwable e, String peer) {
        // the JDK's HTTP client reports an unknown host as a ConnectException caused by UnresolvedAddressException
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "DNS: unknown host " + peer;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return "connection refused by " + peer;
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "connection to " + peer + " timed out";
            }
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return "no answer from " + peer + " in time";
            }
            if (t instanceof SSLException) {
                return "TLS failed with " + peer + ": " + t.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return peer + ": " + (root.getMessage() == null ? root.toString() : root.getMessage());
    }
}
