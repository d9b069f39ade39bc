package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return InProcessCli.run(out, err, args);
  }

  @Test
  void shouldExplainItselfAndListItsCommands() {
    int exit = run("--help");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("Usage: stallwatch", "Explains why WSL2 machines hang", "up");
  }

  @Test
  void shouldPrintItsVersionAndTheJavaItRunsOn() {
    int exit = run("--version");

    assertThat(exit).isZero();
    assertThat(out.toString()).containsPattern("stallwatch \\d+\\.\\d+\\.\\d+").contains("Java ");
  }

  @Test
  void shouldDescribeEveryOptionOfUp() {
    int exit = run("up", "--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("--demo", "--data-dir", "--port", "127.0.0.1");
  }

  @Test
  void shouldRejectAnUnknownOptionWithExitCode2() {
    int exit = run("up", "--colour");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--colour'");
  }

  @Test
  void shouldRejectAPortOutOfRangeInOneLine() {
    int exit = run("up", "--port", "70000");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("stallwatch: --port must be between 0 and 65535, was 70000");
  }
}
