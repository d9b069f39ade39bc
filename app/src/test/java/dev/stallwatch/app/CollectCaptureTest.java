package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stallwatch collect --capture DIR} on a fixture machine (the distro's root with the Windows
 * home under mnt/c/Users, and scripts standing in for wsl.exe and docker), and {@code diagnose} of
 * what it wrote.
 */
class CollectCaptureTest {

  private static final Path ROOT = Captures.resource("roots/resource-saver-gradual");
  private static final Path HOME = ROOT.resolve("mnt/c/Users/anna");

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  @TempDir Path dir;
  private Path wslExe;
  private Path docker;

  @BeforeEach
  void fakeExecutables() throws IOException {
    Path commands = Captures.resource("roots/commands");
    // Like the real ones: wsl.exe answers --version in UTF-16LE when piped.
    wslExe =
        script(
            "wsl.exe",
            "[ \"$1\" = --version ] && cat '" + commands.resolve("wsl-version.txt") + "'");
    docker =
        script(
            "docker",
            "[ \"$1\" = version ] && cat '" + commands.resolve("docker-version.txt") + "'");
  }

  private Path script(String name, String body) throws IOException {
    Path file = dir.resolve("bin").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return InProcessCli.run(out, err, args);
  }

  private int capture(Path capture, Path stateDir) {
    return run(
        "collect",
        "--capture",
        capture.toString(),
        "--root",
        ROOT.toString(),
        "--host-id",
        "dev-anna",
        "--wsl-exe",
        wslExe.toString(),
        "--docker",
        docker.toString(),
        "--state-dir",
        stateDir.toString());
  }

  @Test
  void shouldWriteTheCaptureLayoutOfTheMachine() throws Exception {
    Path capture = dir.resolve("capture");

    int exit = capture(capture, dir.resolve("no-state"));

    assertThat(exit).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(Captures.tree(capture))
        .containsExactly(
            "capture.json",
            "dmesg.txt",
            "etc/wsl.conf",
            "proc/cmdline",
            "proc/diskstats",
            "proc/meminfo",
            "proc/mounts",
            "proc/pressure/cpu",
            "proc/pressure/io",
            "proc/pressure/memory",
            "proc/sys/kernel/hostname",
            "proc/sys/kernel/hung_task_timeout_secs",
            "proc/sys/kernel/osrelease",
            "run/systemd/system/",
            "sys/fs/cgroup/memory.current",
            "sys/fs/cgroup/memory.reclaim",
            "var/log/apt/history.log",
            "var/log/apt/term.log",
            "windows/.wslconfig",
            "windows/AppData/Local/Docker/log/host/com.docker.backend.exe.log",
            "windows/AppData/Local/Docker/log/host/com.docker.backend.exe.log.20261123-084801.512",
            "windows/AppData/Roaming/Docker/settings-store.json",
            "windows/docker-version.txt",
            "windows/wsl-version.txt");
    JsonNode info = Json.mapper().readTree(capture.resolve("capture.json").toFile());
    assertThat(info.get("host").asText()).isEqualTo("dev-anna");
    assertThat(info.get("bootTime").asText()).isEqualTo("2026-11-23T07:40:00Z");
    assertThat(info.get("timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(info.has("capturedAt")).isTrue();
    assertThat(capture.resolve("dmesg.txt")).hasSameBinaryContentAs(ROOT.resolve("dev/kmsg"));
    assertThat(capture.resolve("windows/.wslconfig"))
        .hasSameBinaryContentAs(HOME.resolve(".wslconfig"));
    assertThat(capture.resolve("windows/wsl-version.txt"))
        .hasSameBinaryContentAs(Captures.resource("roots/commands/wsl-version.txt"));
    assertThat(capture.resolve("sys/fs/cgroup/memory.reclaim")).isEmptyFile();
    assertThat(out.toString()).contains("Capture of host dev-anna (anna-laptop) in " + capture);
  }

  @Test
  void shouldKeepOnlyTheResourceSaverKeysOfDockerDesktopsSettings() throws Exception {
    Path capture = dir.resolve("capture");

    capture(capture, dir.resolve("no-state"));

    JsonNode settings =
        Json.mapper()
            .readTree(
                capture.resolve("windows/AppData/Roaming/Docker/settings-store.json").toFile());
    assertThat(fieldNames(settings))
        .containsExactlyInAnyOrder(
            "AutoPauseTimedActivitySeconds",
            "AutoPauseTimeoutSeconds",
            "DeprecatedCgroupv1",
            "UseResourceSaver");
    assertThat(out.toString())
        .containsPattern(
            "wrote +windows/AppData/Roaming/Docker/settings-store.json .*only the"
                + " Resource Saver and cgroup keys");
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void shouldDiagnoseWhatItWroteLikeTheEquivalentHandMadeCapture() throws Exception {
    Path capture = dir.resolve("capture");
    capture(capture, dir.resolve("no-state"));

    run("diagnose", "--json", capture.toString());
    JsonNode collected = Json.mapper().readTree(out.toString());
    assertThat(err.toString()).isEmpty();
    run("diagnose", "--json", Captures.capture("resource-saver-gradual").toString());
    JsonNode handMade = Json.mapper().readTree(out.toString());

    // The collected dmesg.txt holds raw /dev/kmsg records, the hand-made one dmesg text; the
    // collected Docker Desktop settings are cut down to what is read. Same machine, same answer.
    assertThat(collected.get("incidents")).isNotEmpty().isEqualTo(handMade.get("incidents"));
    assertThat(collected.get("host")).isEqualTo(handMade.get("host"));
    assertThat(collected.get("hostName").asText())
        .isEqualTo(handMade.get("hostName").asText())
        .isEqualTo("anna-laptop");
  }

  @Test
  void shouldAddTheCollectorsSpoolAndCountEachObservationOnce() throws Exception {
    Path capture = dir.resolve("capture");

    capture(capture, Captures.resource("roots/collector-state"));

    assertThat(capture.resolve("events.jsonl")).content().hasLineCount(2);
    assertThat(out.toString()).containsPattern("wrote +events.jsonl .*2 event\\(s\\)");
    run("diagnose", "--json", capture.toString());
    JsonNode evidence =
        Json.mapper().readTree(out.toString()).get("incidents").get(0).get("evidence");
    assertThat(DiagnoseCommandTest.texts(evidence, "type"))
        .containsExactly("resource_saver", "hung_task", "resource_saver");
  }

  @Test
  void shouldSayWhatItLeftOutAndWhy() throws Exception {
    Path bare = Files.createDirectories(dir.resolve("bare/proc"));
    Files.writeString(bare.resolve("meminfo"), "MemTotal:       16318412 kB\n");
    Path capture = dir.resolve("capture");

    int exit =
        run(
            "collect",
            "--capture",
            capture.toString(),
            "--root",
            bare.getParent().toString(),
            "--host-id",
            "dev-eve",
            "--state-dir",
            dir.resolve("state").toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .containsPattern("wrote +proc/meminfo +28 B")
        .containsPattern("skipped +proc/mounts +not on this machine")
        .containsPattern("skipped +dmesg.txt +no .*dev/kmsg")
        .containsPattern("skipped +windows/ +no Windows home found")
        .containsPattern("skipped +windows/wsl-version.txt +no wsl.exe to run")
        .containsPattern("skipped +events.jsonl +no events in a collector spool")
        .containsPattern("wrote +capture.json .*without bootTime")
        .contains("Capture of host dev-eve in " + capture);
    run("diagnose", capture.toString());
    assertThat(out.toString()).startsWith("No hang found on dev-eve");
  }

  @Test
  void shouldRefuseACaptureDirectoryThatIsNotEmptyWithExitCode2() throws Exception {
    Path used = Files.createDirectories(dir.resolve("used"));
    Files.writeString(used.resolve("notes.txt"), "mine");

    int exit = run("collect", "--capture", used.toString(), "--root", ROOT.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "stallwatch: --capture " + used + " is not empty; name a new or empty directory");
    assertThat(Captures.tree(used)).containsExactly("notes.txt");
  }
}
