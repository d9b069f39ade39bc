package dev.stallwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP receiver of webhook notifications that records every body it accepts, and refuses (500)
 * the first {@link #failNextFor} notifications about one host, as a flaky receiver would.
 */
final class RecordingReceiver implements AutoCloseable {

  /** A notification and the path it came to ({@code /am} from Alertmanager, {@code /hook}). */
  record Received(String path, JsonNode body) {
    String host() {
      return body.path("commonLabels").path("host").asText();
    }

    String status() {
      return body.path("status").asText();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final List<Received> accepted = new CopyOnWriteArrayList<>();
  private final AtomicInteger refused = new AtomicInteger();
  private volatile String failingHost;
  private final AtomicInteger failuresLeft = new AtomicInteger();

  RecordingReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          JsonNode body = JSON.readTree(exchange.getRequestBody());
          Received received = new Received(exchange.getRequestURI().getPath(), body);
          boolean fail = received.host().equals(failingHost) && failuresLeft.getAndDecrement() > 0;
          if (fail) {
            refused.incrementAndGet();
          } else {
            accepted.add(received);
          }
          exchange.sendResponseHeaders(fail ? 500 : 200, -1);
          exchange.close();
        });
    server.start();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  void failNextFor(String host, int times) {
    failuresLeft.set(times);
    failingHost = host;
  }

  List<Received> accepted(String path, String host) {
    return accepted.stream().filter(r -> r.path().equals(path) && r.host().equals(host)).toList();
  }

  int refused() {
    return refused.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
