package dev.stallwatch.app.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmsgSnapshotTest {

  private static final String RECORDS =
      "6,2,0,-;cgroup: Disabled controller 'memory'\n"
          + "3,11,5234567890,-,caller=T58;INFO: task apt-get:4711 blocked for more than 120"
          + " seconds.\n";

  @TempDir Path dir;

  @Test
  void shouldReadWhatIsBufferedAndNotWaitForMoreFromADeviceThatBlocks() throws Exception {
    // A FIFO whose writer stays open blocks a reader the way /dev/kmsg does once it is caught up.
    Path fifo = dir.resolve("kmsg");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    CountDownLatch done = new CountDownLatch(1);
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(RECORDS.getBytes(StandardCharsets.UTF_8));
                out.flush();
                done.await(10, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            },
            "kmsg-writer");
    writer.start();
    long start = System.nanoTime();

    byte[] read = KmsgSnapshot.read(fifo, Duration.ofMillis(300), Duration.ofSeconds(5));

    done.countDown();
    writer.join(5000);
    assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo(RECORDS);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void shouldReadARegularFileToItsEnd() throws Exception {
    Path file = Files.writeString(dir.resolve("kmsg"), RECORDS);

    assertThat(KmsgSnapshot.read(file, Duration.ofSeconds(5), Duration.ofSeconds(5)))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo(RECORDS);
  }

  @Test
  void shouldFailWhenThereIsNoLog() {
    assertThatThrownBy(
            () ->
                KmsgSnapshot.read(
                    dir.resolve("none"), Duration.ofMillis(10), Duration.ofSeconds(1)))
        .isInstanceOf(NoSuchFileException.class);
  }
}
