package dev.stallwatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** What a command that fails in a way no check foresaw shows: still one line, never a trace. */
class CommandErrorsTest {

  private final StringWriter err = new StringWriter();

  @Command(name = "failing")
  static final class Failing implements Callable<Integer> {
    final Exception failure;

    Failing(Exception failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() throws Exception {
      throw failure;
    }
  }

  private int run(Exception failure) {
    CommandLine commandLine = CommandErrors.install(new CommandLine(new Failing(failure)));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute();
  }

  @Test
  void shouldShowABugAsOneLineWithExitCode1() {
    int exit = run(new IllegalStateException("the index\nwas closed"));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .isEqualTo(
            "stallwatch: unexpected IllegalStateException: the index; was closed (a bug in"
                + " stallwatch; please report it with the command you ran)");
  }

  @Test
  void shouldShowAFileProblemInWordsWithExitCode2() {
    int exit = run(new AccessDeniedException("/var/lib/stallwatch/spool"));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("stallwatch: permission denied: /var/lib/stallwatch/spool");
  }
}
