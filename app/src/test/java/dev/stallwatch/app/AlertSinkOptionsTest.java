package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code up} refuses bad alert settings before it starts anything, and says why. */
class AlertSinkOptionsTest {

  @TempDir Path dir;

  @Test
  void shouldRefuseAResendIntervalOutside30SecondsTo3Minutes() {
    StringWriter err = new StringWriter();
    int code =
        run(err, "--alertmanager", "http://127.0.0.1:9093", "--alert-resend-interval", "10s");
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("between 30s and 3m").contains("was 10s");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void shouldRefuseANonHttpUrlWithoutPrintingItsPassword() {
    StringWriter err = new StringWriter();
    int code = run(err, "--webhook", "ftp://bot:hunter2@chat.example/hook");
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("http:// or https://").doesNotContain("hunter2");
  }

  @Test
  void shouldNameTheConfigFileAndItsProblem() throws Exception {
    Path config = Files.writeString(dir.resolve("alerts.json"), "{\"webhooks\": [{\"urll\": 1}]}");
    StringWriter err = new StringWriter();
    int code = run(err, "--alert-config", config.toString());
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("alerts.json").contains("unknown key 'urll'");
  }

  private int run(StringWriter err, String... alertArgs) {
    String[] args = new String[alertArgs.length + 4];
    args[0] = "up";
    args[1] = "--data-dir";
    args[2] = dir.resolve("data").toString();
    args[3] = "--port=0";
    System.arraycopy(alertArgs, 0, args, 4, alertArgs.length);
    return InProcessCli.run(new StringWriter(), err, args);
  }
}
