package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Json;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectAndParseCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path dir;

  private int run(String... args) {
    return InProcessCli.run(out, err, args);
  }

  @Test
  void shouldPrintTheWireEventsOfADmesgFile() throws Exception {
    Path dmesg =
        Files.writeString(
            dir.resolve("dmesg.txt"),
            "[    0.412032] cgroup: Disabled controller 'memory'\n"
                + "[ 5234.567890] INFO: task apt-get:4711 blocked for more than 120 seconds.\n");

    int exit =
        run(
            "parse",
            "--source",
            "dmesg",
            "--host",
            "dev-anna",
            "--boot-time",
            "2026-11-20T07:40:00Z",
            dmesg.toString());

    assertThat(exit).isZero();
    List<JsonNode> events = out.toString().lines().map(CollectAndParseCommandTest::json).toList();
    assertThat(events)
        .extracting(e -> e.get("type").asText())
        .containsExactly("kernel_log", "hung_task");
    JsonNode hung = events.get(1);
    assertThat(hung.get("host").asText()).isEqualTo("dev-anna");
    assertThat(hung.get("ts").asText()).isEqualTo("2026-11-20T09:07:14.567890Z");
    assertThat(hung.get("comm").asText()).isEqualTo("apt-get");
    assertThat(hung.get("pid").asInt()).isEqualTo(4711);
    assertThat(hung.get("blockedSeconds").asLong()).isEqualTo(120);
  }

  @Test
  void shouldNameBadLinesOnStderrPrintTheGoodOnesAndExit1() throws Exception {
    Path kmsg =
        Files.writeString(
            dir.resolve("kmsg"),
            "garbage line\n3,1290,5234567890,-;INFO: task apt-get:4711 blocked for more than 120"
                + " seconds.\n\u0000\u0001\n");

    int exit = run("parse", "--source", "kmsg", "--boot-time", "0", kmsg.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString().lines()).hasSize(1).first().asString().contains("\"hung_task\"");
    assertThat(err.toString().lines())
        .containsExactly(
            kmsg + ":1: not a kmsg record 'PRIO,SEQ,USEC,FLAGS;MESSAGE': garbage line",
            kmsg + ":3: not a kmsg record 'PRIO,SEQ,USEC,FLAGS;MESSAGE': \\x00\\x01");
  }

  @Test
  void shouldRefuseAnUnknownKindOrAMissingFileWithExitCode2() {
    assertThat(run("parse", "--source", "syslog", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("--source must be one of kmsg, dmesg,");
    assertThat(run("parse", "--source", "meminfo", dir.resolve("nope").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("stallwatch: " + dir.resolve("nope") + " does not exist");
  }

  @Test
  void shouldExplainCollectAndParseInTheirHelp() {
    assertThat(run("collect", "--help")).isZero();
    assertThat(out.toString())
        .contains("--bootstrap", "--profile", "--windows-home", "--manifest", "--state-dir");
    assertThat(run("parse", "--help")).isZero();
    assertThat(out.toString()).contains("docker-settings", "--boot-time", "--timezone", "--at");
  }

  @Test
  void shouldRefuseToCollectWithoutABootstrapOrWithABadConfig() throws Exception {
    assertThat(run("collect", "--root", dir.toString(), "--state-dir", dir.resolve("s").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--bootstrap HOST:PORT is required");
    Path config = Files.writeString(dir.resolve("c.yaml"), "apt:\n  stallAfter: soon\n");
    assertThat(run("collect", "--bootstrap", "127.0.0.1:1", "--config", config.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("c.yaml: apt.stallAfter: expected a positive duration");
    assertThat(run("collect", "--bootstrap", "b:9092", "--profile", "mac")).isEqualTo(2);
    assertThat(run("collect", "--bootstrap", "kafka-without-port")).isEqualTo(2);
    assertThat(err.toString()).contains("--bootstrap must be HOST:PORT[,HOST:PORT...]");
    assertThat(run("collect", "--bootstrap", "b:9092", "--host-id", "two words")).isEqualTo(2);
    assertThat(run("collect", "--bootstrap", "b:9092", "--host-id", "<b>x</b>")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--host-id: host must be 1 to 128 letters, digits, '.', '_' or '-'");
  }

  @Test
  void shouldPrintAManifestOfWhatWouldLeaveAndSendNothing() throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("proc/sys/kernel"));
    Files.writeString(
        root.resolve("proc/sys/kernel/osrelease"), "6.6.87.2-microsoft-standard-WSL2\n");
    Files.writeString(root.resolve("proc/meminfo"), "MemTotal:       16318412 kB\n");

    int exit = run("collect", "--manifest", "--root", root.toString(), "--host-id", "dev-anna");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains(
            "stallwatch.telemetry",
            "dev-anna",
            "[inventory]",
            "\"kernelVersion\":\"6.6.87.2-microsoft-standard-WSL2\"",
            "[meminfo]",
            "\"memTotalKb\":16318412",
            "[kmsg] streaming");
  }

  private static JsonNode json(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
