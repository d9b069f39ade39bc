package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop that hangs, as a user meets it: a real process and real signals. */
class ShutdownSignalIT {

  @TempDir Path work;

  @Test
  void shouldSayWhatTheStopWaitsForAndStopAtOnceOnASecondSignal() throws Exception {
    Path out = work.resolve("stdout.txt");
    Path err = work.resolve("stderr.txt");
    Process process =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                StuckStopMain.class.getName())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(out).contains("ready"));

      process.destroy();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Files.readString(err).contains("stopping: waiting for the stuck part"));
      assertThat(process.isAlive()).as("still waiting for the stuck part").isTrue();
      long secondSignal = System.nanoTime();
      process.destroy();

      assertThat(process.waitFor(5, TimeUnit.SECONDS)).as("stopped at once").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - secondSignal))
          .isLessThan(Duration.ofSeconds(5));
      assertThat(process.exitValue()).isEqualTo(143);
      assertThat(Files.readString(err))
          .contains("stopping: waiting for the stuck part (up to 58 s; Ctrl-C again stops at once)")
          .contains("stopping at once (second SIGTERM), without waiting for the stuck part")
          .doesNotContain("Exception");
    } finally {
      process.destroyForcibly();
    }
  }
}
