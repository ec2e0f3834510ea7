package org.osc.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A stand-in for the OSC server: answers canned JSON per method and path (query included), in order when a
 * path has several answers (the last one repeats), and records every request.
 */
final class FakeServer implements AutoCloseable {

    /** A canned answer. */
    record Answer(int status, String contentType, String body) {
    }

    /** A request as received. */
    record Request(String method, String path, String contentType, String authorization, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeServer() throws IOException {
        this(null);
    }

    /** A server speaking HTTPS with the given context's key, or plain HTTP when it is null. */
    FakeServer(SSLContext tls) throws IOException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
        if (tls == null) {
            server = HttpServer.create(address, 0);
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return the server's address, as OSC_URL takes it */
    String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} (relative to the API base) with JSON. */
    FakeServer on(String method, String path, int status, String json) {
        return answer(method, path, new Answer(status, "application/json", json));
    }

    /** Answers {@code method path} with a problem body. */
    FakeServer problem(String method, String path, int status, String title, String detail) {
        return answer(method, path, new Answer(status, "application/problem+json",
                "{\"type\":\"urn:osc:problem:x\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"}"));
    }

    /** Adds an answer after those already given for the path. */
    FakeServer answer(String method, String path, Answer answer) {
        answers.computeIfAbsent(method + " /api/server/v1/" + path, k -> new ArrayDeque<>()).add(answer);
        return this;
    }

    /** @return the requests to a path (relative to the API base), in order */
    List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals("/api/server/v1/" + path))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(new Request(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        Deque<Answer> queue = answers.get(exchange.getRequestMethod() + " " + path);
        Answer answer;
        if (queue == null) {
            answer = new Answer(404, "application/problem+json", "{\"title\":\"Not Found\",\"status\":404,"
                    + "\"detail\":\"No resource at this path\"}");
        } else {
            synchronized (queue) {
                answer = queue.size() > 1 ? queue.poll() : queue.peek();
            }
        }
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
