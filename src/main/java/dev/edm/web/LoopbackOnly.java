package dev.edm.web;

import io.helidon.webserver.http.Handler;
import java.net.InetSocketAddress;

/** Restricts a handler to clients on this machine (403 otherwise) until authentication exists. */
final class LoopbackOnly {
    private LoopbackOnly() {}

    static Handler wrap(Handler handler) {
        return (req, res) -> {
            if (req.remotePeer().address() instanceof InetSocketAddress inet
                    && inet.getAddress() != null
                    && inet.getAddress().isLoopbackAddress()) {
                handler.handle(req, res);
            } else {
                Responses.error(
                        res, 403, "this endpoint is only available from localhost until authentication is configured");
            }
        };
    }
}
