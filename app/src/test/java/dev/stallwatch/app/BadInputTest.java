package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a user types, a wrong option or input ends in one line on stderr and exit code 2, never
 * a stack trace or a page of usage help. Each case is one a user could type.
 */
class BadInputTest {

  @TempDir static Path dir;
  static Path file;
  static Path folder;
  static Path missing;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void files() throws IOException {
    file = Files.writeString(dir.resolve("notes.txt"), "not what any command reads\n");
    folder = Files.createDirectories(dir.resolve("folder"));
    missing = dir.resolve("does-not-exist");
  }

  /** Cases as typed: FILE is a file, DIR a directory, MISSING a path that does not exist. */
  static Stream<Arguments> badInput() {
    return Stream.of(
        bad("search apt --server not-a-url", "'not-a-url' is not an http:// or https:// URL"),
        bad("search apt --server ftp://host/x", "is not an http:// or https:// URL"),
        bad("search apt --server /relative", "is not an http:// or https:// URL"),
        bad("search apt --server http://", "'http://' is not a URL"),
        bad("search apt --server http:///api", "names no host"),
        bad("search apt --server http://h:99999", "the port must be from 1 to 65535"),
        bad("search apt --limit abc", "'--limit': 'abc' is not an int"),
        bad("search apt --limit 0", "--limit must be from 1 to 100, was 0"),
        bad("search apt --data-dir FILE", "--data-dir FILE is a file"),
        bad("kb search apt --limit 101", "--limit must be from 1 to 100, was 101"),
        bad("kb list --data-dir FILE", "--data-dir FILE is a file; name a directory"),
        bad("kb import DIR", "DIR is a directory; name a file"),
        bad("kb import MISSING", "MISSING does not exist"),
        bad("kb eval --queries DIR", "--queries DIR is a directory; name a file"),
        bad("bench search --work-dir MISSING", "--work-dir MISSING does not exist"),
        bad("bench search --work-dir FILE", "--work-dir FILE is not a directory"),
        bad("bench search --incidents lots", "'--incidents': 'lots' is not an int"),
        bad("bench search --queries 5", "--queries at least 10, were 1000000 and 5"),
        bad("replay MISSING", "MISSING does not exist"),
        bad("replay DIR", "DIR is a directory; name a file"),
        bad("replay FILE --grace 99999999999999h", "'99999999999999h' is too long; at most 1d"),
        bad("replay FILE --grace 99999999999999999999s", "is too long; at most 1d"),
        bad("replay FILE --grace -5s", "'-5s' is not a duration"),
        bad("parse --source kmsg --host dev/anna FILE", "--host: host must be 1 to 128"),
        bad("analyze --bootstrap b:1 --max-event-age 99999d", "'99999d' is too long; at most"),
        bad("parse --source kmsg DIR", "DIR is a directory; name a file"),
        bad("parse --source kmsg --host '' FILE", "--host: host must not be empty"),
        bad("parse --source kmsg --boot-time soon FILE", "--boot-time must be ISO-8601"),
        bad("parse --source dmesg --timezone Mars/Base FILE", "unknown zone 'Mars/Base'"),
        bad("parse --source kmsg --config DIR FILE", "cannot read the configuration DIR"),
        bad("diagnose DIR --rules MISSING", "cannot read the rules at MISSING"),
        bad("collect --capture FILE", "--capture FILE is a file"),
        bad("collect --capture FILE/capture", "cannot create --capture FILE/capture"),
        bad("collect --manifest --root MISSING", "--root MISSING is not a directory"),
        bad("collect --manifest --docker MISSING", "--docker MISSING does not exist"),
        bad("collect --manifest --wsl-exe DIR", "--wsl-exe DIR is a directory"),
        bad("collect --manifest --docker FILE", "--docker FILE is not executable"),
        bad("collect --bootstrap b:1 --state-dir FILE", "FILE already exists (and is not a dir"),
        bad("analyze --bootstrap b:1 --instances-state-dir FILE", "cannot write to the state"),
        bad("analyze --bootstrap b:9092 --partitions six", "'--partitions': 'six' is not an int"),
        bad("analyze --bootstrap b:9092 -c acks", "should be in KEY=VALUE format"),
        bad("search", "Missing required parameter: 'TEXT'"),
        bad("search apt extra", "Unmatched argument at index 2: 'extra'"),
        bad("serch apt", "Unknown command: 'serch' (did you mean search or"),
        bad("kb lst", "Unknown command: 'lst' (did you mean list"));
  }

  private static Arguments bad(String typed, String reason) {
    String[] args =
        Stream.of(typed.split(" "))
            .map(BadInputTest::path)
            .map(a -> a.replace("''", ""))
            .toArray(String[]::new);
    return Arguments.of(typed, path(reason), args);
  }

  private static String path(String text) {
    return text.replace("FILE", file.toString())
        .replace("DIR", folder.toString())
        .replace("MISSING", missing.toString());
  }

  @ParameterizedTest(name = "stallwatch {0}")
  @MethodSource("badInput")
  void shouldSayWhatIsWrongInOneLineWithExitCode2(String line, String reason, String[] args) {
    int exit = InProcessCli.run(out, err, args);

    assertThat(exit).as(err.toString()).isEqualTo(2);
    assertThat(err.toString().lines())
        .as("stderr of 'stallwatch %s'", line)
        .singleElement()
        .asString()
        .startsWith("stallwatch: ")
        .contains(reason)
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void shouldBlameOnlyTheMisspeltOptionAndSuggestTheRightOne() {
    int exit = InProcessCli.run(out, err, "search", "--limt", "3", "apt");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "stallwatch: Unknown option: '--limt' (did you mean --limit?);"
                + " see 'stallwatch search --help'");
  }

  @Test
  void shouldPointToTheHelpOfTheSubcommandThatWasWrong() {
    int exit = InProcessCli.run(out, err, "kb", "search", "apt", "--json=maybe");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip()).endsWith("see 'stallwatch kb search --help'");
    assertThat(out.toString()).as("no usage page on stdout either").isEmpty();
  }
}
