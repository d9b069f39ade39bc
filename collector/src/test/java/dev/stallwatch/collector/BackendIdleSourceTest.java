package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendIdleSourceTest {

  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
  private static final String RUNNING =
      "{\"vmPaused\":false,\"vmRunning\":true,\"vmStopped\":false,\"reduced\":false,"
          + "\"idle\":false,\"busyReason\":[\"1 container(s)\"],\"containers\":1}";
  private static final String PAUSED =
      "{\"vmPaused\":true,\"vmRunning\":true,\"vmStopped\":false,\"reduced\":true,"
          + "\"idle\":true,\"busyReason\":[],\"containers\":0}";
  private static final String WOKEN =
      "{\"vmPaused\":false,\"vmRunning\":true,\"vmStopped\":false,\"reduced\":false,"
          + "\"idle\":false,\"busyReason\":[\"1 calls to /containers/json from DockerDesktopUI\"],"
          + "\"containers\":0}";

  private final EnvelopeFactory envelopes = new EnvelopeFactory("host-a", 0);
  private final HostFacts facts = new HostFacts();

  private BackendIdleSource source(Path socket, Duration timeout) {
    return new BackendIdleSource(
        new UnixSocketTransport(socket), Duration.ofSeconds(10), timeout, facts);
  }

  @Test
  void shouldReportResourceSaverWhenTheBackendAnswersPausedAndThenRunning(@TempDir Path dir)
      throws Exception {
    Path socket = dir.resolve("backend.sock");
    try (FakeBackend backend = new FakeBackend(socket)) {
      BackendIdleSource source = source(socket, Duration.ofSeconds(5));

      backend.answerJson(200, "OK", RUNNING);
      List<TelemetryEvent> baseline = source.sample(envelopes, T0);
      backend.answerJson(200, "OK", PAUSED);
      List<TelemetryEvent> paused = source.sample(envelopes, T0.plusSeconds(10));
      List<TelemetryEvent> stillPaused = source.sample(envelopes, T0.plusSeconds(20));
      backend.answerJson(200, "OK", WOKEN);
      List<TelemetryEvent> woken = source.sample(envelopes, T0.plusSeconds(30));

      assertThat(baseline).isEmpty();
      assertThat(stillPaused).isEmpty();
      ResourceSaver entered = (ResourceSaver) paused.getFirst();
      assertThat(entered.state()).isEqualTo(ResourceSaver.State.ENTERED);
      assertThat(entered.seenVia()).isEqualTo(ResourceSaver.SeenVia.BACKEND_API);
      assertThat(entered.ts()).isEqualTo(T0.plusSeconds(10));
      assertThat(entered.evidence()).startsWith("GET /idle: vmPaused=true");
      ResourceSaver exited = (ResourceSaver) woken.getFirst();
      assertThat(exited.state()).isEqualTo(ResourceSaver.State.EXITED);
      assertThat(exited.busyReason())
          .containsExactly("1 calls to /containers/json from DockerDesktopUI");
      assertThat(facts.backendApi()).containsEntry("GET /idle", "answered");
      assertThat(backend.requests().getFirst())
          .startsWith("GET /idle HTTP/1.1\r\n")
          .contains("Host: ")
          .contains("Connection: close\r\n");
    }
  }

  @Test
  void shouldSayEnteredAtOnceWhenTheFirstAnswerIsAlreadyPaused(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("backend.sock");
    try (FakeBackend backend = new FakeBackend(socket)) {
      backend.answer(
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
              + Integer.toHexString(40)
              + "\r\n"
              + PAUSED.substring(0, 40)
              + "\r\n"
              + Integer.toHexString(PAUSED.length() - 40)
              + "\r\n"
              + PAUSED.substring(40)
              + "\r\n0\r\n\r\n");

      List<TelemetryEvent> first = source(socket, Duration.ofSeconds(5)).sample(envelopes, T0);

      assertThat(first)
          .singleElement()
          .extracting(e -> ((ResourceSaver) e).state())
          .isEqualTo(ResourceSaver.State.ENTERED);
    }
  }

  @Test
  void shouldRecordAnAbsentSocketAndShowTheSourceAbsent(@TempDir Path dir) {
    BackendIdleSource source = source(dir.resolve("backend.sock"), Duration.ofSeconds(1));

    assertThatThrownBy(() -> source.sample(envelopes, T0))
        .isInstanceOf(SourceAbsentException.class);
    assertThat(facts.backendApi().get("GET /idle")).startsWith("no answer: no socket ");
  }

  @Test
  void shouldRecordARefusedConnectionWithoutFailing(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("backend.sock");
    ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    gone.bind(UnixDomainSocketAddress.of(socket));
    gone.close();

    List<TelemetryEvent> events = source(socket, Duration.ofSeconds(1)).sample(envelopes, T0);

    assertThat(Files.exists(socket)).isTrue();
    assertThat(events).isEmpty();
    assertThat(facts.backendApi().get("GET /idle")).containsIgnoringCase("connection refused");
  }

  @Test
  void shouldRecordNotFoundGarbageAndSilenceAsNoAnswer(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("backend.sock");
    try (FakeBackend backend = new FakeBackend(socket)) {
      BackendIdleSource source = source(socket, Duration.ofMillis(300));
      List<String> outcomes = new ArrayList<>();

      backend.answerJson(404, "Not Found", "{\"message\":\"page not found\"}");
      outcomes.add(outcome(source));
      backend.answerJson(200, "OK", "<html>hello</html>");
      outcomes.add(outcome(source));
      backend.answerJson(200, "OK", "{\"status\":\"ok\"}");
      outcomes.add(outcome(source));
      backend.answer("SSH-2.0-OpenSSH_9.6\r\n");
      outcomes.add(outcome(source));
      backend.hang();
      long start = System.nanoTime();
      outcomes.add(outcome(source));
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(outcomes)
          .containsExactly(
              "no answer: HTTP 404 Not Found",
              "no answer: GET /idle answered something that is not JSON: <html>hello</html>",
              "no answer: GET /idle answered without boolean vmPaused and vmRunning",
              "no answer: not an HTTP answer: SSH-2.0-OpenSSH_9.6",
              "no answer: no answer within 300 ms");
      assertThat(waitedMillis).isLessThan(3000);
    }
  }

  private String outcome(BackendIdleSource source) throws Exception {
    assertThat(source.sample(envelopes, T0)).isEmpty();
    return facts.backendApi().get("GET /idle");
  }

  @Test
  void shouldReadTheIdleStateThroughANamedPipeStandIn() throws Exception {
    PipeStandIn pipe =
        new PipeStandIn(
            "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s".formatted(PAUSED.length(), PAUSED));
    BackendIdleSource source =
        new BackendIdleSource(pipe, Duration.ofSeconds(10), Duration.ofSeconds(1), facts);

    List<TelemetryEvent> events = source.sample(envelopes, T0);

    assertThat(events)
        .singleElement()
        .extracting(e -> ((ResourceSaver) e).seenVia())
        .isEqualTo(ResourceSaver.SeenVia.BACKEND_API);
    assertThat(pipe.request()).startsWith("GET /idle HTTP/1.1\r\n");
    assertThat(pipe.closed).isTrue();
    assertThat(source.description()).contains("named pipe \\\\.\\pipe\\dockerBackendApiServer");
  }

  @Test
  void shouldNotTouchANamedPipeNameAnywhereButWindows(@TempDir Path dir) {
    NamedPipeTransport pipe =
        new NamedPipeTransport(dir.resolve("dockerBackendApiServer").toString(), false);

    assertThatThrownBy(pipe::open)
        .isInstanceOf(SourceAbsentException.class)
        .hasMessageContaining("named pipes exist on Windows");
    assertThat(dir).isEmptyDirectory();
  }

  /**
   * Stands in for {@link NamedPipeTransport} on Windows: the same {@link BackendTransport} with the
   * answer in memory, keeping what was written to it.
   */
  private static final class PipeStandIn implements BackendTransport {
    private final byte[] answer;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private boolean closed;

    PipeStandIn(String answer) {
      this.answer = answer.getBytes(StandardCharsets.UTF_8);
    }

    String request() {
      return written.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public String describe() {
      return "named pipe " + NamedPipeTransport.DOCKER_BACKEND_PIPE;
    }

    @Override
    public Connection open() {
      return new Connection() {
        @Override
        public InputStream input() {
          return new ByteArrayInputStream(answer);
        }

        @Override
        public OutputStream output() {
          return written;
        }

        @Override
        public void close() {
          closed = true;
        }
      };
    }
  }
}
