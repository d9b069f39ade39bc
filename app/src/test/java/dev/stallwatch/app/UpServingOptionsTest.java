package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up}'s serving options refuse, in one line and with exit status 2, what would serve other
 * machines unguarded, before anything starts.
 */
class UpServingOptionsTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void shouldRefuseToBindAnotherAddressWithoutCredentials() {
    assertThat(System.getenv("STALLWATCH_TOKEN"))
        .as("this test needs STALLWATCH_TOKEN unset in its environment")
        .isNull();

    int exit = InProcessCli.run(out, err, "up", "--bind", "0.0.0.0", "--data-dir", dir.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "stallwatch: binding 0.0.0.0 lets other machines in, so it needs credentials: give"
                + " --token-file FILE, STALLWATCH_TOKEN or --basic-auth-file FILE");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void shouldRefuseAnEmptyTokenFile() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "\n");

    int exit =
        InProcessCli.run(
            out,
            err,
            "up",
            "--bind",
            "0.0.0.0",
            "--token-file",
            token.toString(),
            "--data-dir",
            dir.resolve("data").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("stallwatch: the token file " + token + " is empty");
  }

  @Test
  void shouldRefuseATlsCertificateWithoutItsKey() throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), "");

    int exit =
        InProcessCli.run(
            out,
            err,
            "up",
            "--tls-cert",
            cert.toString(),
            "--data-dir",
            dir.resolve("data").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("stallwatch: --tls-cert and --tls-key go together; give both or neither");
  }

  @Test
  void shouldListTheServingOptionsInHelp() {
    int exit = InProcessCli.run(out, err, "up", "--help");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains(
            "--bind=ADDRESS", "--token-file=FILE", "--basic-auth-file=FILE", "--tls-cert=FILE");
  }
}
