package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parse} and {@code replay} read a file line by line and answer the same way: 0 when every
 * line was read, 1 when some were skipped, 2 when not one could be read.
 */
class LineExitCodesTest {

  private static final String EVENT =
      "{\"type\":\"heartbeat\",\"v\":1,\"host\":\"dev-anna\",\"ts\":\"2026-11-20T09:00:00Z\","
          + "\"seq\":1,\"id\":\"anna-1\",\"sources\":{},\"spoolDepth\":0,\"dropped\":0}";
  private static final String KMSG =
      "3,1290,5234567890,-;INFO: task apt-get:4711 blocked for more than 120 seconds.";

  @TempDir Path dir;

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int replay(String content) throws IOException {
    Path file = Files.writeString(dir.resolve("events.jsonl"), content);
    return run("replay", file.toString());
  }

  private int parse(String content) throws IOException {
    Path file = Files.writeString(dir.resolve("kmsg"), content);
    return run("parse", "--source", "kmsg", "--boot-time", "0", "--host", "h", file.toString());
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return InProcessCli.run(out, err, args);
  }

  @Test
  void shouldExit0WhenEveryLineWasRead() throws Exception {
    assertThat(replay(EVENT + "\n\n" + EVENT + "\n")).as(err.toString()).isZero();
    assertThat(parse(KMSG + "\n\n" + KMSG + "\n")).as(err.toString()).isZero();
    assertThat(replay("")).as("an empty file has no bad line").isZero();
    assertThat(parse("")).isZero();
  }

  @Test
  void shouldExit1WhenSomeLinesWereSkippedAndTheRestUsed() throws Exception {
    assertThat(replay(EVENT + "\nnot an event\n")).isEqualTo(1);
    assertThat(err.toString()).contains(":2: not JSON", "replayed 1 event(s); skipped 1");

    assertThat(parse(KMSG + "\nnot a record\n")).isEqualTo(1);
    assertThat(err.toString()).contains(":2: not a kmsg record");
    assertThat(out.toString()).contains("\"hung_task\"");
  }

  @Test
  void shouldExit2WhenNotOneLineCouldBeRead() throws Exception {
    assertThat(replay("garbage\n{\"type\":\"nope\"}\n")).isEqualTo(2);
    assertThat(err.toString())
        .contains(":1: not JSON", ":2: unknown event type 'nope'")
        .contains("not one of its 2 line(s) is an event");

    assertThat(parse("garbage\nmore garbage\n")).isEqualTo(2);
    assertThat(err.toString()).contains(":1: not a kmsg record", ":2: not a kmsg record");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldExit2WhenTheFileAsAWholeIsNotOfTheKind() throws Exception {
    Path meminfo = Files.writeString(dir.resolve("meminfo"), "no meminfo here\n");

    int exit = run("parse", "--source", "meminfo", "--host", "h", meminfo.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains(meminfo + ": not /proc/meminfo");
  }

  @Test
  void shouldDocumentTheSameExitCodesInBothHelps() {
    run("replay", "--help");
    String replayHelp = out.toString().replaceAll("\\s+", " ");
    run("parse", "--help");
    String parseHelp = out.toString().replaceAll("\\s+", " ");

    for (String help : new String[] {replayHelp, parseHelp}) {
      assertThat(help)
          .contains("0 every line was read; 1 some lines could not be read (named on stderr)")
          .contains("2 not one line could be read");
    }
  }
}
