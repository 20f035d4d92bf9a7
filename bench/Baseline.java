// Baseline for bench/ingest.sh: the cheapest Helidon handler for the same POST (read the body, answer 200),
// so the benchmark can say how much of edm's cost is edm and how much is the web server and the load tool.
// Run with the fat jar on the class path (it contains Helidon):
//   java -cp target/edm.jar bench/Baseline.java PORT
import io.helidon.webserver.WebServer;

public final class Baseline {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(r -> r
                        .get("/health", (req, res) -> res.send("{\"status\":\"ok\"}"))
                        .post("/webhook/shopify", (req, res) -> {
                            req.content().as(byte[].class); // read the whole body, as edm must
                            res.header("Content-Type", "application/json");
                            res.send("{\"status\":\"ok\"}");
                        }))
                .build()
                .start();
        System.out.println("baseline listening on " + server.port());
    }
}
