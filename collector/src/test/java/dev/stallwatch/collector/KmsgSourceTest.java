package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.KernelLog;
import dev.stallwatch.model.event.Reclaim;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class KmsgSourceTest {

  private static final Instant BOOT = Instant.ofEpochSecond(1700000000L);
  private static final String HUNG_TASK =
      "3,1290,5234567890,-,caller=T58;INFO: task apt-get:4711 blocked for more than 120 seconds.\n";
  private final EnvelopeFactory envelopes = new EnvelopeFactory("host-a", 0);
  private final RecordingSink sink = new RecordingSink();

  private static void runToEnd(KmsgSource source, RecordingSink sink, EnvelopeFactory envelopes)
      throws IOException {
    source.open();
    source.run(sink, envelopes);
  }

  @Test
  void shouldEmitWhatTheShippedRulesMatchInAKernelLogFile() throws Exception {
    KmsgSource source = new KmsgSource(Fixtures.root(Fixtures.CGROUP2), BOOT);

    runToEnd(source, sink, envelopes);

    assertThat(sink.events())
        .extracting(TelemetryEvent::type)
        .containsExactly("kernel_log", "kernel_log", "hung_task", "reclaim", "kernel_log");
    assertThat(sink.ofType(KernelLog.class))
        .extracting(KernelLog::rule)
        .containsExactly("cgroup_v1_disabled", "kmsg_lost", "wsl_error");
    assertThat(sink.ofType(KernelLog.class).get(1).line())
        .isEqualTo("kernel log lost 4 record(s) before seq 11");
    assertThat(sink.ofType(Reclaim.class).getFirst().bytes()).isEqualTo(1073741824L);
    HungTask task = sink.ofType(HungTask.class).getFirst();
    assertThat(task.comm()).isEqualTo("apt-get");
    assertThat(task.pid()).isEqualTo(4711);
    assertThat(task.blockedSeconds()).isEqualTo(120);
    assertThat(task.ts()).isEqualTo(Instant.parse("2023-11-14T23:40:34.567890Z"));
    assertThat(task.onset()).isEqualTo(Instant.parse("2023-11-14T23:38:34.567890Z"));
    assertThat(task.line()).isEqualTo("INFO: task apt-get:4711 blocked for more than 120 seconds.");
    assertThat(task.host()).isEqualTo("host-a");
    assertThat(source.lostRecords()).isEqualTo(4);
  }

  @Test
  void shouldTakeTheBootTimeFromProcStatUnderTheRoot() throws Exception {
    runToEnd(KmsgSource.withBootTimeUnder(Fixtures.root(Fixtures.CGROUP2)), sink, envelopes);

    assertThat(sink.ofType(HungTask.class))
        .singleElement()
        .extracting(HungTask::ts)
        .isEqualTo(Instant.parse("2023-11-14T23:40:34.567890Z"));
  }

  @Test
  void shouldFailRatherThanGuessWhenTheBootTimeIsUnknown(@TempDir Path root) throws Exception {
    writeKmsg(root, HUNG_TASK.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> KmsgSource.withBootTimeUnder(root).open())
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(SourceAbsentException.class)
        .hasMessageContaining("btime");
  }

  @Test
  void shouldReportAbsentWithoutAKernelLog() {
    KmsgSource source = new KmsgSource(Fixtures.root(Fixtures.HYBRID), BOOT);

    assertThatThrownBy(source::open)
        .isInstanceOf(SourceAbsentException.class)
        .hasMessageContaining("dev/kmsg");
  }

  @Test
  void shouldNotSendRecordsAgainAfterAReopen() throws Exception {
    KmsgSource source = new KmsgSource(Fixtures.root(Fixtures.CGROUP2), BOOT);

    runToEnd(source, sink, envelopes);
    runToEnd(source, sink, envelopes);

    assertThat(sink.ofType(HungTask.class)).hasSize(1);
    assertThat(source.lostRecords()).isEqualTo(4);
  }

  @Test
  void shouldReadPastBinaryGarbageAndHugeLines(@TempDir Path root) throws Exception {
    byte[] garbage = new byte[64 * 1024];
    new Random(7).nextBytes(garbage);
    byte[] huge = ("6,1,2,-;" + "y".repeat(100_000) + "\n").getBytes(StandardCharsets.UTF_8);
    writeKmsg(root, garbage, "\n".getBytes(StandardCharsets.UTF_8), huge, HUNG_TASK.getBytes());

    runToEnd(new KmsgSource(root, BOOT), sink, envelopes);

    assertThat(sink.ofType(HungTask.class))
        .singleElement()
        .extracting(HungTask::pid)
        .isEqualTo(4711);
  }

  @Test
  @Timeout(30)
  void shouldStreamFromADeviceThatBlocksAndStopWhenClosed(@TempDir Path root) throws Exception {
    Path fifo = root.resolve("dev/kmsg");
    Files.createDirectories(fifo.getParent());
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
    KmsgSource source = new KmsgSource(root, BOOT);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    // The reader opens first: opening either end of a FIFO waits for the other.
    Future<?> running =
        thread.submit(
            () -> {
              runToEnd(source, sink, envelopes);
              return null;
            });
    try (OutputStream kernel = Files.newOutputStream(fifo)) {
      kernel.write("6,1289,5234000000,-;before\n".getBytes(StandardCharsets.UTF_8));
      kernel.write(HUNG_TASK.getBytes(StandardCharsets.UTF_8));
      kernel.flush();

      await().atMost(Duration.ofSeconds(5)).until(() -> sink.events().size() == 1);
      assertThat(running).isNotDone();

      source.close();
      running.get(5, TimeUnit.SECONDS);
    } finally {
      thread.shutdownNow();
    }
    assertThat(sink.ofType(HungTask.class)).hasSize(1);
  }

  private static void writeKmsg(Path root, byte[]... parts) throws IOException {
    Files.createDirectories(root.resolve("dev"));
    try (OutputStream out = Files.newOutputStream(root.resolve("dev/kmsg"))) {
      for (byte[] part : parts) {
        out.write(part);
      }
    }
  }
}
