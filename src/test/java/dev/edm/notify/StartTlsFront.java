package dev.edm.notify;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP front that speaks STARTTLS (GreenMail 2.1 does not: greenmail issue 135) with GreenMail's own test
 * certificate, then relays the upgraded session to GreenMail's plain SMTP port, so the client's STARTTLS upgrade,
 * login and message are all real.
 */
final class StartTlsFront implements AutoCloseable {
    private final ServerSocket server;
    private final int backendPort;
    private final SSLContext tls;
    volatile boolean upgraded;

    StartTlsFront(int backendPort) throws Exception {
        this.backendPort = backendPort;
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(new DummySSLServerSocketFactory().getKeyStore(), "changeit".toCharArray());
        tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            write(out, "220 front ESMTP\r\n");
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String cmd = line.toUpperCase(java.util.Locale.ROOT);
                if (cmd.startsWith("EHLO")) {
                    write(out, "250-front\r\n250 STARTTLS\r\n");
                } else if (cmd.startsWith("STARTTLS")) {
                    write(out, "220 ready to start TLS\r\n");
                    SSLSocket secure =
                            (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), false);
                    secure.setUseClientMode(false);
                    secure.startHandshake();
                    upgraded = true;
                    relay(secure);
                    return;
                } else if (cmd.startsWith("QUIT")) {
                    write(out, "221 bye\r\n");
                    return;
                } else {
                    write(out, "530 5.7.0 must issue STARTTLS first\r\n");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void relay(SSLSocket secure) throws IOException {
        try (Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            readLine(backend.getInputStream()); // GreenMail's greeting; the client already had ours
            Thread up = Thread.ofVirtual().start(() -> copy(secure, backend));
            copy(backend, secure);
            try {
                up.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException ignored) {
            // one side closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException | UnsupportedOperationException ignored) {
                // TLS sockets cannot half-close; closing follows
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                return b.toString(StandardCharsets.US_ASCII).strip();
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
