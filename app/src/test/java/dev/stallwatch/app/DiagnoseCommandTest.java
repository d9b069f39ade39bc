package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code stallwatch diagnose DIR} on one fixture capture per situation, as the command runs. */
class DiagnoseCommandTest {

  private static final String HUNG_APT =
      "INFO: task apt-get:21874 blocked for more than 122 seconds.";

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  @TempDir Path dir;

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return InProcessCli.run(out, err, args);
  }

  private JsonNode report() throws IOException {
    return Json.mapper().readTree(out.toString());
  }

  private static JsonNode onlyIncident(JsonNode report) {
    assertThat(report.get("incidents")).hasSize(1);
    return report.get("incidents").get(0);
  }

  /** The values of {@code field} in each element, or the elements themselves when null. */
  static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add((field == null ? node : node.get(field)).asText()));
    return values;
  }

  @Test
  void shouldCallACauseSeenOnlyInTheSetupProbableAndSayWhatWouldConfirmIt() {
    Path capture =
        Path.of("src/main/resources/dev/stallwatch/app/eval/diagnose/wsl-11066-probable");

    int exit = run("diagnose", capture.toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("Probable: Hang while Docker Desktop was in Resource Saver")
        .contains("[resource-saver-gradual]")
        .contains("probable; to confirm it:")
        .contains("no Resource Saver transition was seen")
        .contains("microsoft/WSL#11066");
  }

  @Test
  void shouldExplainAHangUnderResourceSaverWithGradualReclaim() throws Exception {
    int exit = run("diagnose", "--json", Captures.capture("resource-saver-gradual").toString());

    assertThat(exit).isZero();
    assertThat(err.toString()).isEmpty();
    JsonNode report = report();
    assertThat(report.get("host").asText()).isEqualTo("dev-anna");
    assertThat(report.get("hostName").asText())
        .as("proc/sys/kernel/hostname")
        .isEqualTo("anna-laptop");
    assertThat(onlyIncident(report).get("context").get("hostName").asText())
        .isEqualTo("anna-laptop");
    JsonNode incident = onlyIncident(report);
    assertThat(incident.get("rule").asText()).isEqualTo("resource-saver-gradual");
    assertThat(incident.get("title").asText()).contains("Resource Saver", "gradual");
    assertThat(incident.get("status").asText()).isEqualTo("RESOLVED");
    assertThat(incident.get("onset").asText()).isEqualTo("2026-11-23T09:06:03.412377Z");
    assertThat(incident.get("resolvedAt").asText()).isEqualTo("2026-11-23T09:12:00.123Z");
    assertThat(incident.get("confidence").asDouble()).isEqualTo(0.85);
    assertThat(texts(incident.get("confidenceReasons"), null))
        .contains("the hang began 63 s after Docker Desktop entered Resource Saver");
    assertThat(texts(incident.get("knownIssues"), "id")).contains("microsoft/WSL#11066");
    assertThat(texts(incident.get("knownIssues"), "url"))
        .contains("https://github.com/microsoft/WSL/issues/11066");
    assertThat(incident.get("remediation").asText()).contains("autoMemoryReclaim=dropcache");
    assertThat(texts(incident.get("evidence"), "line"))
        .containsExactly(
            "[2026-11-23T09:04:59.998001200Z][com.docker.backend.exe.idle][I] no containers"
                + " running for 300s: entering Resource Saver",
            HUNG_APT,
            "[2026-11-23T09:12:00.123000000Z][com.docker.backend.exe.idle][I] container start"
                + " requested: exiting Resource Saver");
  }

  @Test
  void shouldMergeEveryFileThatDescribesTheMachineIntoOneContext() throws Exception {
    run("diagnose", "--json", Captures.capture("resource-saver-gradual").toString());

    JsonNode context = onlyIncident(report()).get("context");
    // .wslconfig, wsl-version.txt, docker-version.txt, proc/mounts, etc/wsl.conf and
    // settings-store.json each tell a part; a part missing would mean another inventory erased it.
    assertThat(context.get("autoMemoryReclaim").asText()).isEqualTo("gradual");
    assertThat(context.get("wslVersion").asText()).isEqualTo("2.5.7.0");
    assertThat(context.get("windowsVersion").asText()).isEqualTo("10.0.26100.4061");
    assertThat(context.get("kernelVersion").asText()).isEqualTo("6.6.87.2-microsoft-standard-WSL2");
    assertThat(context.get("dockerDesktopVersion").asText()).isEqualTo("4.42.0");
    assertThat(context.get("cgroupLayout").asText()).isEqualTo("v2");
    assertThat(context.get("systemd").asBoolean()).isTrue();
    assertThat(context.get("resourceSaverEnabled").asBoolean()).isTrue();
  }

  @Test
  void shouldReportReclaimWritesFailingWithEagainAlsoWhenSplitOverTwoLines() throws Exception {
    int exit = run("diagnose", "--json", Captures.capture("reclaim-eagain").toString());

    assertThat(exit).isZero();
    JsonNode incident = onlyIncident(report());
    assertThat(incident.get("rule").asText()).isEqualTo("reclaim-eagain");
    assertThat(texts(incident.get("knownIssues"), "id")).containsExactly("microsoft/WSL#10534");
    // dmesg -T times are the machine's local time (America/Chicago); the second and third
    // messages were split over two lines and count as whole ones.
    assertThat(texts(incident.get("evidence"), "ts"))
        .containsExactly("2026-11-24T19:41:17Z", "2026-11-24T19:42:17Z", "2026-11-24T19:43:17Z");
    assertThat(texts(incident.get("evidence"), "line"))
        .allMatch(line -> line.endsWith("write(/sys/fs/cgroup/memory.reclaim, 4096) failed -1 11"));
    // The capture was taken at 20:30, after 30 quiet minutes: the rule's end had come.
    assertThat(incident.get("status").asText()).isEqualTo("RESOLVED");
    assertThat(incident.get("resolvedAt").asText()).isEqualTo("2026-11-24T20:13:17Z");
  }

  @Test
  void shouldFindNothingOnAHealthyMachineAndSaySoInOneLine() throws Exception {
    Path healthy = Captures.capture("healthy");

    int exit = run("diagnose", "--json", healthy.toString());

    assertThat(exit).isZero();
    JsonNode report = report();
    assertThat(report.get("host").asText()).isEqualTo("dev-carla");
    assertThat(report.get("incidents")).isEmpty();
    assertThat(texts(report.get("read"), null))
        .contains("dmesg.txt", "windows/.wslconfig", "windows/docker-version.txt");

    assertThat(run("diagnose", healthy.toString())).isZero();
    assertThat(out.toString())
        .startsWith("No hang found on dev-carla: nothing in the capture " + healthy)
        .contains("Read 17 file(s): capture.json, dmesg.txt, etc/wsl.conf,");
  }

  @Test
  void shouldDiagnoseACaptureOfRecordedEventsAlone() throws Exception {
    int exit = run("diagnose", "--json", Captures.capture("events-only").toString());

    assertThat(exit).isZero();
    JsonNode report = report();
    assertThat(report.get("host").asText()).isEqualTo("dev-dan");
    JsonNode incident = onlyIncident(report);
    assertThat(incident.get("rule").asText()).isEqualTo("resource-saver-cgroup-v2");
    assertThat(incident.get("onset").asText()).isEqualTo("2026-11-22T13:25:38Z");
    assertThat(texts(incident.get("knownIssues"), "id")).contains("docker/for-win#14656");
  }

  @Test
  void shouldNameEachUnreadableFileAndLineAndStillFindTheHang() throws Exception {
    Path garbage = Captures.capture("garbage");

    int exit = run("diagnose", "--json", garbage.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().lines())
        .containsExactly(
            garbage.resolve("events.jsonl")
                + ":2: not JSON: Unexpected end-of-input in VALUE_STRING",
            garbage.resolve("dmesg.txt")
                + ":5: not a dmesg line '[SECONDS] MESSAGE' or '[DATE] MESSAGE': [ 5280.9",
            garbage.resolve("windows/AppData/Roaming/Docker/settings-store.json")
                + ": Docker Desktop settings are not JSON (line 5): Unexpected end-of-input in"
                + " field name");
    JsonNode report = report();
    assertThat(onlyIncident(report).get("rule").asText()).isEqualTo("resource-saver-gradual");
    assertThat(texts(report.get("problems"), null)).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dmesg-T.txt", "kmsg.txt"})
  void shouldReadTheKernelLogInEachOfItsForms(String form) throws Exception {
    Path capture = Captures.copy("resource-saver-gradual", dir);
    Files.copy(
        Captures.resource("captures/dmesg-forms/" + form),
        capture.resolve("dmesg.txt"),
        StandardCopyOption.REPLACE_EXISTING);

    int exit = run("diagnose", "--json", capture.toString());

    assertThat(exit).isZero();
    JsonNode incident = onlyIncident(report());
    assertThat(incident.get("rule").asText()).isEqualTo("resource-saver-gradual");
    assertThat(texts(incident.get("evidence"), "line")).contains(HUNG_APT);
    // dmesg -T shows whole seconds; the other forms the microseconds.
    assertThat(incident.get("onset").asText()).startsWith("2026-11-23T09:06:03");
  }

  @Test
  void shouldReadAKernelLogThatPowerShellSavedAsUtf16() throws Exception {
    Path capture = Captures.copy("resource-saver-gradual", dir);
    Path dmesg = capture.resolve("dmesg.txt");
    // What 'wsl dmesg > dmesg.txt' writes in Windows PowerShell: UTF-16LE with its mark, CRLF.
    String text = Files.readString(dmesg).replace("\n", "\r\n");
    Files.write(dmesg, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE));

    int exit = run("diagnose", "--json", capture.toString());

    assertThat(exit).isZero();
    assertThat(texts(onlyIncident(report()).get("evidence"), "line")).contains(HUNG_APT);
  }

  @Test
  void shouldCountAnObservationOnceWhenTheSpoolAndTheKernelLogBothHoldIt() throws Exception {
    Path capture = Captures.copy("resource-saver-gradual", dir);
    Files.writeString(
        capture.resolve("events.jsonl"),
        """
        {"type":"hung_task","v":1,"host":"dev-anna","ts":"2026-11-23T09:08:05.412377Z","seq":412,\
        "id":"7d3c1e52-8f1a-4b0e-9d6c-2a5b8e4f1c07","comm":"apt-get","pid":21874,\
        "blockedSeconds":122,"line":"INFO: task apt-get:21874 blocked for more than 122 seconds."}
        """);

    run("diagnose", "--json", capture.toString());

    JsonNode evidence = onlyIncident(report()).get("evidence");
    assertThat(texts(evidence, "type"))
        .containsExactly("resource_saver", "hung_task", "resource_saver");
    assertThat(texts(evidence, "eventId")).contains("7d3c1e52-8f1a-4b0e-9d6c-2a5b8e4f1c07");
  }

  @Test
  void shouldTakeAnAptRunLeftOpenInBothOfAptsLogsAsOneStall() throws Exception {
    Path capture = Captures.copy("resource-saver-gradual", dir);
    // The hung upgrade never finished: its blocks in both logs have no end.
    cutFrom(capture.resolve("var/log/apt/history.log"), "End-Date: 2026-11-23  10:12:04");
    cutFrom(capture.resolve("var/log/apt/term.log"), "Log ended: 2026-11-23  10:12:04");

    run("diagnose", "--json", capture.toString());

    JsonNode incident = onlyIncident(report());
    assertThat(incident.get("rule").asText()).isEqualTo("resource-saver-gradual");
    JsonNode evidence = incident.get("evidence");
    assertThat(texts(evidence, "type"))
        .containsExactly("resource_saver", "hung_task", "resource_saver", "apt_stall");
    // Open until the newest thing the capture knows of (it has no capturedAt): 09:12:00.123.
    assertThat(evidence.get(3).get("summary").asText())
        .isEqualTo("apt-get upgrade -y made no progress for 359 s");
    assertThat(evidence.get(3).get("line").asText())
        .isEqualTo("Processing triggers for libc-bin (2.39-0ubuntu8.4) ...");
    assertThat(texts(incident.get("confidenceReasons"), null))
        .contains("independent signals agree: apt_stall, hung_task");
  }

  private static void cutFrom(Path file, String line) throws IOException {
    String text = Files.readString(file);
    assertThat(text).contains(line);
    Files.writeString(file, text.substring(0, text.indexOf(line)));
  }

  @Test
  void shouldGiveTheSameIncidentIdsEveryTime() throws Exception {
    Path capture = Captures.capture("resource-saver-gradual");
    run("diagnose", "--json", capture.toString());
    String first = out.toString();

    run("diagnose", "--json", capture.toString());

    assertThat(out.toString()).isEqualTo(first);
  }

  @Test
  void shouldSayWhyKernelTimesCannotBeDatedWithoutABootTime() throws Exception {
    Path capture = Captures.copy("resource-saver-gradual", dir);
    Files.writeString(
        capture.resolve("capture.json"),
        "{\"host\": \"dev-anna\", \"timezone\": \"Mars/Olympus_Mons\"}\n");

    int exit = run("diagnose", "--json", capture.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            capture.resolve("capture.json")
                + ": timezone: expected a zone like Europe/Berlin or UTC, got"
                + " \"Mars/Olympus_Mons\"")
        .contains(
            capture.resolve("dmesg.txt")
                + ": its times count from boot, and the capture does not say when the machine"
                + " booted");
    // Without the kernel's report no hang is seen; the rest was still read.
    assertThat(report().get("incidents")).isEmpty();
    assertThat(texts(report().get("read"), null)).contains("windows/.wslconfig");
  }

  @Test
  void shouldTakeTheBootTimeFromACapturedProcStatWhenCaptureJsonHasNone() throws Exception {
    Path capture = Captures.copy("resource-saver-gradual", dir);
    Files.writeString(
        capture.resolve("capture.json"),
        "{\"host\": \"dev-anna\", \"timezone\": \"Europe/Berlin\"}\n");
    Files.copy(
        Captures.resource("roots/resource-saver-gradual/proc/stat"), capture.resolve("proc/stat"));

    int exit = run("diagnose", "--json", capture.toString());

    assertThat(exit).isZero();
    assertThat(texts(report().get("read"), null)).contains("proc/stat");
    assertThat(onlyIncident(report()).get("onset").asText())
        .isEqualTo("2026-11-23T09:06:03.412377Z");
  }

  @Test
  void shouldNameAHostnameThatIsNotOneAsAProblemAndLeaveItOut() throws Exception {
    Path capture = Captures.copy("resource-saver-gradual", dir);
    Files.writeString(
        capture.resolve("proc/sys/kernel/hostname"), "<script>alert(1)</script>\u001b[2J\n");

    int exit = run("diagnose", "--json", capture.toString());

    assertThat(exit).as("diagnosed, but part of the capture could not be read").isEqualTo(1);
    assertThat(report().has("hostName")).isFalse();
    assertThat(onlyIncident(report()).get("context").has("hostName")).isFalse();
    assertThat(err.toString())
        .contains(capture.resolve("proc/sys/kernel/hostname") + ": not a host name")
        .doesNotContain("\u001b");
  }

  @Test
  void shouldPrintAReportAPersonCanRead() {
    int exit = run("diagnose", Captures.capture("resource-saver-gradual").toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains(
            "Capture of dev-anna (anna-laptop) in ",
            "dev-anna (anna-laptop)  RESOLVED  critical  confidence 0.85",
            "Hang while Docker Desktop was in Resource Saver with autoMemoryReclaim=gradual"
                + "  [resource-saver-gradual]",
            "began 2026-11-23 09:06:03Z, reported 2026-11-23 09:08:05Z, resolved 2026-11-23"
                + " 09:12:00Z",
            "- the hang began 63 s after Docker Desktop entered Resource Saver",
            HUNG_APT,
            "what to do: Wake Docker Desktop",
            "1 incident(s), 0 still open.")
        .containsPattern("microsoft/WSL#11066 +https://github.com/microsoft/WSL/issues/11066")
        .doesNotContain("\tat ", "Exception");
  }

  @Test
  void shouldRefuseADirectoryThatIsMissingOrAFileWithExitCode2() throws Exception {
    assertThat(run("diagnose", dir.resolve("nope").toString())).isEqualTo(2);
    assertThat(err.toString().strip())
        .startsWith("stallwatch: " + dir.resolve("nope") + " does not exist")
        .doesNotContain("\n");

    Path file = Files.writeString(dir.resolve("capture.tar"), "not a directory");
    assertThat(run("diagnose", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is not a directory");
  }

  @Test
  void shouldSayADirectoryHoldsNoCapture() throws Exception {
    Path empty = Files.createDirectory(dir.resolve("empty"));

    assertThat(run("diagnose", empty.toString())).isEqualTo(1);
    assertThat(err.toString()).contains(empty + ": holds none of a capture's files");
    assertThat(out.toString()).contains("Read 0 file(s): none");
  }

  @Test
  void shouldExplainTheLayoutAndExitCodesInItsHelp() {
    assertThat(run("diagnose", "--help")).isZero();
    assertThat(out.toString())
        .contains("--json", "--rules", "--config", "capture.json", "dmesg.txt", "Exit codes");
  }
}
