package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootClockTest {

  @Test
  void shouldReadBtimeFromProcStat() throws Exception {
    String stat =
        """
        cpu  10132153 290696 3084719 46828483 16683 0 25195 0 0 0
        intr 199292 0 0 0
        ctxt 2387021
        btime 1700000000
        processes 18232
        """;

    assertThat(BootClock.parseBtime(stat)).isEqualTo(Instant.ofEpochSecond(1700000000L));
  }

  @Test
  void shouldRejectProcStatWithoutBtime() {
    assertThatThrownBy(() -> BootClock.parseBtime("cpu 1 2 3\nbtimes 12\n btime 5\n"))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("btime");
  }

  @Test
  void shouldMapMicrosecondsSinceBootToWallTime() {
    BootClock clock = new BootClock(Instant.ofEpochSecond(1700000000L));

    assertThat(clock.wallTime(5234567890L)).isEqualTo(Instant.parse("2023-11-14T23:40:34.567890Z"));
    assertThat(clock.wallTime(0)).isEqualTo(Instant.ofEpochSecond(1700000000L));
    assertThat(clock.wallTime(Long.MAX_VALUE)).isAfter(Instant.parse("3000-01-01T00:00:00Z"));
  }

  @Test
  void shouldReadBootTimeUnderTheRoot() throws Exception {
    assertThat(BootClock.read(Fixtures.root(Fixtures.CGROUP2)).bootTime())
        .isEqualTo(Instant.ofEpochSecond(1700000000L));
  }

  @Test
  void shouldReportAbsentWhenTheRootHasNoProcStat(@TempDir Path root) {
    assertThatThrownBy(() -> BootClock.read(root)).isInstanceOf(SourceAbsentException.class);
  }

  @Test
  void shouldNameTheFileWhenProcStatIsGarbage(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("proc"));
    Files.write(root.resolve("proc/stat"), new byte[] {1, 2, 3, 0, 'b'});

    assertThatThrownBy(() -> BootClock.read(root))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining(root.resolve("proc/stat").toString());
  }
}
