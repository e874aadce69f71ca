package loadgen;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A do-nothing stand-in for the agencies API, to measure what the load generator itself can drive on a machine
 * (see docs/benchmarks.md, "Calibration"): {@code java tools/loadgen/CalibrationServer.java [port]}.
 * Every GET answers a small agency (a list holding the root CP for {@code ?q=}), every POST creates one.
 */
public final class CalibrationServer {
    private CalibrationServer() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else ~40 ms per keep-alive request
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18089;
        String rootId = UUID.randomUUID().toString();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors() * 4));
        server.createContext("/api/v1/agencies", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                boolean post = exchange.getRequestMethod().equals("POST");
                boolean list = exchange.getRequestURI().getPath().equals("/api/v1/agencies");
                String agency = "{\"id\":\"%s\",\"code\":\"CP\",\"name\":\"Chính phủ\",\"kind\":\"GOVERNMENT\","
                        + "\"parentId\":null}";
                respond(exchange, post ? 201 : 200, post ? agency.formatted(UUID.randomUUID())
                        : list ? "{\"items\":[" + agency.formatted(rootId) + "],\"next\":null}"
                        : agency.formatted(rootId));
            }
        });
        server.start();
        System.out.println("Calibration server on http://127.0.0.1:" + port + " (Ctrl-C to stop)");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
