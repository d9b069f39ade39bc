package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged {@code stallwatch.jar} run as its own process, the way the launcher runs it. */
final class StallwatchProcess implements AutoCloseable {

  static final Path JAR = Path.of("target", "stallwatch.jar");
  private static final Path OUTPUT = Path.of("target", "stallwatch-processes");

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private StallwatchProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static StallwatchProcess start(Path workDir, String... args) throws IOException {
    assertThat(JAR).as("run 'mvn package' first").exists();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(List.of(args));
    Files.createDirectories(workDir);
    // Kept after the test, beside the failsafe reports, to read when a test fails.
    Files.createDirectories(OUTPUT);
    Path out = Files.createTempFile(OUTPUT, args[0] + "-", ".stdout.txt");
    Path err = Files.createTempFile(OUTPUT, args[0] + "-", ".stderr.txt");
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    return new StallwatchProcess(process, out, err);
  }

  Process process() {
    return process;
  }

  String stdout() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  int awaitExit(Duration timeout) throws InterruptedException {
    assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("stallwatch exits within " + timeout)
        .isTrue();
    return process.exitValue();
  }

  /** Asks it to stop as Ctrl-C or a service manager would, and waits. */
  int stop(Duration timeout) throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    int exit = awaitExit(timeout);
    assertThat(children).as("child processes left running").noneMatch(ProcessHandle::isAlive);
    return exit;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
