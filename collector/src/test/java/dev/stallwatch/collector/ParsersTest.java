package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.event.Pressure;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parsers of /proc, /sys, WSL and Docker Desktop files, on real-shaped literals. */
class ParsersTest {

  private final Fixtures.CollectedProblems problems = new Fixtures.CollectedProblems();

  @Test
  void shouldReadBothPsiLinesAndACpuFileWithoutFull() throws Exception {
    PressureParser.Psi io =
        PressureParser.parse(
            "some avg10=12.50 avg60=4.02 avg300=1.10 total=73019321\n"
                + "full avg10=11.90 avg60=3.88 avg300=1.00 total=70111894\n",
            problems);
    PressureParser.Psi cpu =
        PressureParser.parse("some avg10=0.00 avg60=0.12 avg300=0.08 total=18240513\n", problems);

    assertThat(io.some()).isEqualTo(new Pressure.Stall(12.5, 4.02, 1.1, 73019321, null));
    assertThat(io.full().total()).isEqualTo(70111894);
    assertThat(cpu.full()).isNull();
    assertThat(problems.lines).isEmpty();
  }

  @Test
  void shouldRejectAPsiFileWithoutASomeLineAndNameBadLines() {
    assertThatThrownBy(() -> PressureParser.parse("full avg10=x\n\u0000\u0001", problems))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("not a PSI file");
    assertThat(problems.lines).hasSize(2).first().asString().startsWith("1: not a PSI line");
  }

  @Test
  void shouldReadDiskstatsWithElevenToSeventeenCounters() throws Exception {
    List<DiskStatsParser.Disk> disks =
        DiskStatsParser.parse(
            "   8       0 sda 1342 481 153402 562 2 0 8 2 0 472 565\n"
                + "   8      32 sdc 88341 21430 6042926 41730 112034 98322 4731576 192831 3 233920"
                + " 264210 0 0 0 0 7031 29648\n"
                + "   8      48 sdd 1 2 3\n",
            problems);

    assertThat(disks)
        .containsExactly(
            new DiskStatsParser.Disk("sda", 1344, 0, 472),
            new DiskStatsParser.Disk("sdc", 200375, 3, 233920));
    assertThat(problems.lines).singleElement().asString().startsWith("3: expected");
  }

  @Test
  void shouldReadATaskWhoseNameHasSpacesAndParentheses() throws Exception {
    String stat =
        "4711 (Web (Content) x) D 4702 4711 4702 34816 4711 4194560 1841 0 0 0 152 47 0 0 20 0 1"
            + " 0 523412 12468224 1203 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 3 0 0 0 0 0";

    ProcTaskParser.Task task = ProcTaskParser.parse(stat);

    assertThat(task).isEqualTo(new ProcTaskParser.Task(4711, "Web (Content) x", 'D', 199, 523412));
    assertThatThrownBy(() -> ProcTaskParser.parse("4711 (apt-get) D 4702"))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("too short");
    assertThatThrownBy(() -> ProcTaskParser.parse("garbage")).isInstanceOf(FormatException.class);
  }

  @Test
  void shouldReadWslconfigWithBomCrlfCommentsAndMixedCase() {
    Map<String, String> keys =
        IniParser.parse(
            new String(
                Fixtures.format("../wsl2-cgroup2/mnt/c/Users/dev/.wslconfig"),
                java.nio.charset.StandardCharsets.UTF_8),
            problems);

    assertThat(keys)
        .containsEntry("wsl2.memory", "16GB")
        .containsEntry("wsl2.networkingmode", "mirrored")
        .containsEntry("experimental.automemoryreclaim", "gradual")
        .containsEntry("experimental.sparsevhd", "true")
        .hasSize(5);
    assertThat(problems.lines).isEmpty();
  }

  @Test
  void shouldNameIniLinesItCannotReadAndKeysOutsideASection() {
    Map<String, String> keys =
        IniParser.parse("memory=4GB\n[WSL2]\n; comment\nswap\nSwap = \"0\"\n", problems);

    assertThat(keys).containsExactly(Map.entry("wsl2.swap", "0"));
    assertThat(problems.lines)
        .containsExactly(
            "1: key outside any [section] (WSL ignores it): memory=4GB",
            "4: not '[section]' or 'key=value': swap");
  }

  @Test
  void shouldTellEveryCgroupLayoutFromMounts() throws Exception {
    String v2 = Fixtures.formatText("../wsl2-cgroup2/proc/mounts");

    assertThat(SystemParsers.cgroupLayout(v2, problems)).isEqualTo(CgroupLayout.V2);
    assertThat(SystemParsers.cgroupLayout(Fixtures.formatText("mounts-hybrid"), problems))
        .isEqualTo(CgroupLayout.HYBRID);
    assertThat(SystemParsers.cgroupLayout(Fixtures.formatText("mounts-v1"), problems))
        .isEqualTo(CgroupLayout.V1);
    assertThatThrownBy(() -> SystemParsers.cgroupLayout("proc /proc proc rw 0 0\n", problems))
        .hasMessageContaining("no cgroup filesystem");
  }

  @Test
  void shouldSeeCgroupNoV1OnTheKernelCommandLine() throws Exception {
    assertThat(
            SystemParsers.cgroupV1Disabled(
                SystemParsers.cmdline("initrd=\\initrd.img panic=-1 nr_cpus=8 cgroup_no_v1=all\n")))
        .isTrue();
    assertThat(SystemParsers.cgroupV1Disabled("initrd=\\initrd.img panic=-1 nr_cpus=8")).isFalse();
    assertThatThrownBy(() -> SystemParsers.cmdline("\u0000\u0001\u0002"))
        .isInstanceOf(FormatException.class);
  }

  @Test
  void shouldReadEveryKernelReleaseShape() throws Exception {
    for (String release :
        List.of(
            "5.15.167.4-microsoft-standard-WSL2",
            "6.6.87.2-microsoft-standard-WSL2",
            "4.19.121-microsoft-standard",
            "6.6.87.2-microsoft-standard-WSL2-STABLE+")) {
      assertThat(SystemParsers.kernelRelease(release + "\n")).isEqualTo(release);
    }
    assertThatThrownBy(() -> SystemParsers.kernelRelease("Linux"))
        .isInstanceOf(FormatException.class);
  }

  @Test
  void shouldReadWslVersionInUtf16LeAndItalianByPosition() throws Exception {
    WslVersionParser.WslVersion utf16 =
        WslVersionParser.parse(WslVersionParser.decode(Fixtures.format("wsl-version-utf16.txt")));
    WslVersionParser.WslVersion italian =
        WslVersionParser.parse(WslVersionParser.decode(Fixtures.format("wsl-version-italian.txt")));

    assertThat(utf16)
        .isEqualTo(new WslVersionParser.WslVersion("2.5.7.0", "6.6.87.2-1", "10.0.26100.4061"));
    assertThat(italian).isEqualTo(utf16);
  }

  @Test
  void shouldSayAnOldWslCannotAnswerVersion() {
    assertThatThrownBy(
            () ->
                WslVersionParser.parse(
                    WslVersionParser.decode(Fixtures.format("wsl-version-old.txt"))))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("too old");
  }

  @Test
  void shouldReadDockerSettingsKeysInAnyCase() throws Exception {
    DockerDesktopParsers.Settings store =
        DockerDesktopParsers.settings(
            Fixtures.formatText(
                "../wsl2-cgroup2/mnt/c/Users/dev/AppData/Roaming/Docker/settings-store.json"));
    DockerDesktopParsers.Settings old =
        DockerDesktopParsers.settings(Fixtures.formatText("settings.json"));

    assertThat(store).isEqualTo(new DockerDesktopParsers.Settings(true, 300, 30, false));
    assertThat(old).isEqualTo(new DockerDesktopParsers.Settings(false, 120, 30, true));
    assertThat(DockerDesktopParsers.settings("{}"))
        .isEqualTo(new DockerDesktopParsers.Settings(null, null, null, null));
    assertThatThrownBy(() -> DockerDesktopParsers.settings("[1]"))
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(
            () -> DockerDesktopParsers.settings("{\n  \"UseResourceSaver\": true,\n  \"AutoPause"))
        .hasMessageContaining("settings are not JSON (line 3): ");
  }

  @Test
  void shouldReadTheDockerDesktopVersionFromDockerVersion() throws Exception {
    assertThat(DockerDesktopParsers.dockerVersion(Fixtures.formatText("docker-version.txt")))
        .isEqualTo(new DockerDesktopParsers.DockerVersion("4.42.0", "Docker Desktop 4.42.0"));
    assertThat(DockerDesktopParsers.dockerVersion("Client:\n Version: 28.2.2\n").withoutDesktop())
        .contains("Docker Desktop is not installed or not running");
    assertThatThrownBy(() -> DockerDesktopParsers.dockerVersion("bash: docker: not found\n"))
        .hasMessageContaining("not the output of docker version");
  }

  @Test
  void shouldReadBackendLogLinesWithAndWithoutALevel() throws Exception {
    DockerDesktopParsers.LogLine warn =
        DockerDesktopParsers.logLine(
            "[2026-11-20T09:07:31.456789000Z][com.docker.backend.exe.ipc][W] (d2c1f9e0)"
                + " 3a4b2c1d-BackendAPI S->C HEAD /_ping (2.0001s): context deadline exceeded");
    DockerDesktopParsers.LogLine json =
        DockerDesktopParsers.logLine(
            "[2026-11-20T09:12:00.530114Z][com.docker.backend.exe.engines]"
                + " {\"engine\":\"linux/docker\",\"state\":\"running\"}");

    assertThat(warn.ts()).isEqualTo(Instant.parse("2026-11-20T09:07:31.456789Z"));
    assertThat(warn.source()).isEqualTo("com.docker.backend.exe.ipc");
    assertThat(warn.level()).isEqualTo("W");
    assertThat(warn.message()).endsWith("context deadline exceeded");
    assertThat(json.level()).isNull();
    assertThat(json.message()).startsWith("{\"engine\"");
    assertThatThrownBy(() -> DockerDesktopParsers.logLine("   at goroutine 12"))
        .isInstanceOf(FormatException.class);
  }

  @Test
  void shouldSplitTermLogIntoRunsAndKeepAnOpenLastRun() {
    List<AptLogParser.Run> runs =
        AptLogParser.termLog(Fixtures.formatText("term.log"), ZoneId.of("UTC"), problems);

    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).start()).isEqualTo(Instant.parse("2026-11-20T08:40:12Z"));
    assertThat(runs.get(0).end()).isEqualTo(Instant.parse("2026-11-20T08:40:19Z"));
    assertThat(runs.get(1).end()).isNull();
    assertThat(runs.get(1).lastLine())
        .isEqualTo("Unpacking libssl3t64:amd64 (3.0.13-0ubuntu3.5) over (3.0.13-0ubuntu3.4) ...");
    assertThat(problems.lines).isEmpty();
  }

  @Test
  void shouldReadHistoryBlocksInTheMachinesZone() {
    List<AptLogParser.Run> runs =
        AptLogParser.historyLog(
            Fixtures.formatText("history.log"), ZoneId.of("Europe/Rome"), problems);

    assertThat(runs)
        .extracting(AptLogParser.Run::commandline)
        .containsExactly(
            "apt-get install -y curl", "apt-get remove -y nonexistent-tool", "apt-get upgrade -y");
    assertThat(runs.get(0).start()).isEqualTo(Instant.parse("2026-11-20T07:40:10Z"));
    assertThat(runs.get(1).lastLine()).startsWith("Error: Sub-process /usr/bin/dpkg");
    assertThat(runs.get(2).end()).isNull();
  }

  @Test
  void shouldNameABadAptDateAndGoOn() {
    List<AptLogParser.Run> runs =
        AptLogParser.termLog(
            "Log started: 2026-13-45  99:00:00\nfoo\nLog ended: 2026-11-20  08:40:19\n"
                + "Log started: 2026-11-20  09:00:00\nbar\n",
            ZoneId.of("UTC"),
            problems);

    assertThat(problems.lines).singleElement().asString().startsWith("1: not a date");
    assertThat(runs).singleElement().extracting(AptLogParser.Run::lastLine).isEqualTo("bar");
  }

  @Test
  void shouldMapBothDmesgTimeFormatsAndKeepContinuationLines() {
    List<DmesgParser.Message> mono =
        DmesgParser.parse(
            Fixtures.formatText("dmesg.txt"),
            Instant.ofEpochSecond(1700000000L),
            ZoneId.of("UTC"),
            problems);
    List<DmesgParser.Message> human =
        DmesgParser.parse(
            Fixtures.formatText("dmesg-T.txt"), Instant.EPOCH, ZoneId.of("Europe/Rome"), problems);

    assertThat(mono.get(4).ts()).isEqualTo(Instant.parse("2023-11-14T23:40:34.567890Z"));
    assertThat(mono.get(4).text()).startsWith("INFO: task apt-get:4711");
    assertThat(mono).extracting(DmesgParser.Message::text).contains("failed -1 11");
    assertThat(human.get(1).ts()).isEqualTo(Instant.parse("2026-11-20T08:08:05Z"));
    assertThat(problems.lines).isEmpty();
  }
}
