package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stallwatch.model.event.EngineProbe;
import dev.stallwatch.model.event.IoStall;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeSourcesTest {

  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
  private final EnvelopeFactory envelopes = new EnvelopeFactory("host-a", 0);

  private static DockerPing.Result ok() {
    return new DockerPing.Result(ProbeStatus.OK, 4L, null);
  }

  private static DockerPing.Result timeout() {
    return new DockerPing.Result(ProbeStatus.TIMEOUT, null, "GET /_ping: no answer within 3000 ms");
  }

  private List<TelemetryEvent> feed(EngineProbeSource source, DockerPing.Result... results) {
    List<TelemetryEvent> events = new ArrayList<>();
    for (DockerPing.Result result : results) {
      events.addAll(source.accept(result, envelopes, T0));
    }
    return events;
  }

  @Test
  void shouldInferResourceSaverFromAnEngineThatStopsAndStartsAnswering() {
    EngineProbeSource source =
        new EngineProbeSource(
            Path.of("/var/run/docker.sock"), Duration.ofSeconds(5), () -> ok(), 3, null);

    List<TelemetryEvent> up = feed(source, ok(), ok(), ok());
    List<TelemetryEvent> blip = feed(source, timeout(), timeout(), ok());
    List<TelemetryEvent> paused = feed(source, timeout(), timeout(), timeout());
    List<TelemetryEvent> back = feed(source, ok(), ok(), ok());

    assertThat(up).singleElement().isInstanceOf(EngineProbe.class);
    assertThat(blip).isEmpty();
    assertThat(paused)
        .extracting(TelemetryEvent::type)
        .containsExactly("engine_probe", "resource_saver");
    assertThat(((ResourceSaver) paused.get(1)).state()).isEqualTo(ResourceSaver.State.ENTERED);
    assertThat(((ResourceSaver) paused.get(1)).seenVia())
        .isEqualTo(ResourceSaver.SeenVia.ENGINE_PROBE);
    assertThat(((ResourceSaver) back.get(1)).state()).isEqualTo(ResourceSaver.State.EXITED);
  }

  /**
   * A {@code proc/[pid]/stat} line as the kernel writes it, started {@code startTicks} after boot.
   */
  private static void task(Path root, int pid, String comm, long startTicks) throws Exception {
    Path dir = Files.createDirectories(root.resolve("proc/" + pid));
    Files.writeString(
        dir.resolve("stat"),
        pid
            + " ("
            + comm
            + ") S 812 "
            + pid
            + " 812 34816 "
            + pid
            + " 4194560 1841 0 0 0 152 47 0 0 20 0 1 0 "
            + startTicks
            + " 12468224 1203 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n");
  }

  @Test
  void shouldReportDockerCommandsThatWaitForAPausedEngineOnce(@TempDir Path root) throws Exception {
    Path socket = Files.createDirectories(root.resolve("var/run")).resolve("docker.sock");
    Files.createFile(socket);
    task(root, 812, "bash", 10_000);
    task(root, 900, "docker", 12_000); // docker events, running before the engine paused
    AtomicBoolean answering = new AtomicBoolean(true);
    DockerClientWatch watch =
        new DockerClientWatch(() -> ProcTasks.list(root.resolve("proc")), Duration.ofSeconds(30));
    EngineProbeSource source =
        new EngineProbeSource(
            socket, Duration.ofSeconds(5), () -> answering.get() ? ok() : timeout(), 3, watch);
    List<TelemetryEvent> events = new ArrayList<>();
    Instant now = T0;
    for (int i = 0; i < 3; i++, now = now.plusSeconds(5)) {
      events.addAll(source.sample(envelopes, now));
    }
    answering.set(false);
    for (int i = 0; i < 3; i++, now = now.plusSeconds(5)) {
      events.addAll(source.sample(envelopes, now));
    }
    task(root, 2204, "docker", 16_000); // the user runs docker ps while the engine is paused
    for (int i = 0; i < 10; i++, now = now.plusSeconds(5)) {
      events.addAll(source.sample(envelopes, now));
    }

    List<EngineProbe> waiting =
        events.stream()
            .filter(e -> e instanceof EngineProbe p && !p.waitingClients().isEmpty())
            .map(EngineProbe.class::cast)
            .toList();
    assertThat(waiting).singleElement();
    EngineProbe probe = waiting.getFirst();
    assertThat(probe.status()).isEqualTo(ProbeStatus.TIMEOUT);
    assertThat(probe.ts()).isEqualTo(T0.plusSeconds(60));
    assertThat(probe.waitingClients())
        .containsExactly(new EngineProbe.WaitingClient("docker", 2204, 30));
    assertThat(probe.detail()).startsWith("docker (pid 2204) has waited 30 s");
  }

  @Test
  void shouldStillReportTheEngineWhenTheTaskListCannotBeRead(@TempDir Path root) throws Exception {
    Path socket = Files.createFile(root.resolve("docker.sock"));
    AtomicBoolean answering = new AtomicBoolean(true);
    DockerClientWatch watch =
        new DockerClientWatch(() -> ProcTasks.list(root.resolve("proc")), Duration.ofSeconds(30));
    EngineProbeSource source =
        new EngineProbeSource(
            socket, Duration.ofSeconds(5), () -> answering.get() ? ok() : timeout(), 1, watch);

    source.sample(envelopes, T0);
    answering.set(false);
    List<TelemetryEvent> paused = source.sample(envelopes, T0.plusSeconds(5));

    assertThat(paused).extracting(TelemetryEvent::type).contains("engine_probe", "resource_saver");
  }

  @Test
  void shouldForgetWaitingCommandsOnceTheEngineAnswers(@TempDir Path root) throws Exception {
    task(root, 2204, "docker", 16_000);
    DockerClientWatch watch =
        new DockerClientWatch(() -> ProcTasks.list(root.resolve("proc")), Duration.ofSeconds(30));
    watch.engineSilent(T0, true);
    task(root, 2301, "docker-compose", 17_000);
    watch.engineSilent(T0.plusSeconds(5), true);
    watch.startAfresh();

    assertThat(watch.engineSilent(T0.plusSeconds(60), true)).isEmpty();
    assertThat(watch.engineSilent(T0.plusSeconds(95), true)).isEmpty();
  }

  @Test
  void shouldNotCallAnEngineThatNeverAnsweredResourceSaver() {
    EngineProbeSource source =
        new EngineProbeSource(
            Path.of("/var/run/docker.sock"), Duration.ofSeconds(5), () -> ok(), 2, null);

    assertThat(feed(source, timeout(), timeout()))
        .extracting(TelemetryEvent::type)
        .containsExactly("engine_probe");
  }

  @Test
  void shouldBeAbsentWithoutTheEngineSocket(@TempDir Path dir) {
    EngineProbeSource source =
        new EngineProbeSource(
            dir.resolve("docker.sock"), Duration.ofSeconds(5), () -> ok(), 3, null);

    assertThatThrownBy(() -> source.sample(envelopes, T0))
        .isInstanceOf(SourceAbsentException.class)
        .hasMessageContaining("Docker Desktop not running");
  }

  @Test
  void shouldPingARealUnixSocketAndTimeOutOnOneThatNeverAnswers(@TempDir Path dir)
      throws Exception {
    Path socket = dir.resolve("docker.sock");
    AtomicBoolean answer = new AtomicBoolean(true);
    Thread engine;
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      engine = Thread.ofPlatform().daemon().start(() -> serve(server, answer));

      DockerPing.Result ok = DockerPing.ping(socket, Duration.ofSeconds(5), Duration.ofSeconds(4));
      answer.set(false);
      DockerPing.Result paused =
          DockerPing.ping(socket, Duration.ofMillis(300), Duration.ofSeconds(4));

      assertThat(ok.status()).isEqualTo(ProbeStatus.OK);
      assertThat(ok.latencyMillis()).isNotNull();
      assertThat(paused.status()).isEqualTo(ProbeStatus.TIMEOUT);
    }
    engine.join(5000);
    assertThat(DockerPing.ping(socket, Duration.ofSeconds(1), Duration.ofSeconds(1)).status())
        .isEqualTo(ProbeStatus.FAILED);
  }

  private static void serve(ServerSocketChannel server, AtomicBoolean answer) {
    List<SocketChannel> held = new ArrayList<>();
    try (server) {
      while (true) {
        SocketChannel client = server.accept();
        client.read(ByteBuffer.allocate(1024));
        if (answer.get()) {
          client.write(
              ByteBuffer.wrap(
                  ("HTTP/1.1 200 OK\r\nApi-Version: 1.50\r\nContent-Length: 2\r\n\r\nOK")
                      .getBytes(StandardCharsets.US_ASCII)));
          client.close();
        } else {
          held.add(client);
        }
      }
    } catch (java.io.IOException e) {
      // The server closed at the end of the test.
      held.forEach(ProbeSourcesTest::closeQuietly);
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void shouldJudgeTheHttpAnswer() {
    assertThat(DockerPing.judge("HTTP/1.1 200 OK\r\n\r\nOK", 1500, Duration.ofSeconds(1)).status())
        .isEqualTo(ProbeStatus.SLOW);
    assertThat(DockerPing.judge("HTTP/1.1 500 Internal Server Error\r\n", 3, Duration.ofSeconds(1)))
        .extracting(DockerPing.Result::status, DockerPing.Result::detail)
        .containsExactly(
            ProbeStatus.FAILED, "GET /_ping answered HTTP/1.1 500 Internal Server Error");
  }

  @Test
  void shouldProbeTheDiskOnItsOwnThreadAndReportASlowProbe(@TempDir Path dir) throws Exception {
    try (IoProbeSource source =
        new IoProbeSource(
            dir.resolve("state/io-probe"),
            Duration.ofSeconds(1),
            Duration.ZERO.plusNanos(1),
            Duration.ofSeconds(30),
            Clock.systemUTC())) {
      assertThat(source.sample(envelopes, T0)).isEmpty();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                List<TelemetryEvent> events = source.sample(envelopes, T0);
                return !events.isEmpty()
                    && ((IoStall) events.getFirst()).kind() == IoStall.Kind.PROBE;
              });
    }
  }
}
