package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemInfoParserTest {

  @Test
  void shouldReadKilobyteValuesAndUnitlessHugePageCounts() throws Exception {
    Map<String, Long> values =
        MemInfoParser.parse(
            """
            MemTotal:       16318412 kB
            MemFree:        13920848 kB
            Active(anon):       2932 kB
            VmallocTotal:   34359738367 kB
            HugePages_Total:       0
            HugePages_Free:        3
            Hugepagesize:       2048 kB
            """);

    assertThat(values)
        .containsEntry("MemTotal", 16318412L)
        .containsEntry("MemFree", 13920848L)
        .containsEntry("Active(anon)", 2932L)
        .containsEntry("VmallocTotal", 34359738367L)
        .containsEntry("HugePages_Free", 3L)
        .containsEntry("Hugepagesize", 2048L)
        .hasSize(7);
  }

  @Test
  void shouldSkipTruncatedAndMalformedLines() throws Exception {
    Map<String, Long> values =
        MemInfoParser.parse(
            "MemTotal:       16318412 kB\n"
                + "MemFree:        1392\n"
                + "MemAvail\n"
                + "Buffers:  lots kB\n"
                + "Cached:   12 MB\n"
                + "Dirty:  123456789012345678901234 kB\n"
                + ": 5 kB\n"
                + "Shmem:              3356 kB");

    assertThat(values).containsOnlyKeys("MemTotal", "MemFree", "Shmem");
  }

  @Test
  void shouldKeepTheFirstValueOfARepeatedKey() throws Exception {
    assertThat(MemInfoParser.parse("MemTotal: 1 kB\nMemTotal: 2 kB\n"))
        .containsEntry("MemTotal", 1L);
  }

  @Test
  void shouldSurviveAHugeLineBetweenGoodOnes() throws Exception {
    String huge = "X".repeat(1 << 20);

    Map<String, Long> values = MemInfoParser.parse("MemTotal: 8 kB\n" + huge + "\nMemFree: 4 kB\n");

    assertThat(values).containsOnlyKeys("MemTotal", "MemFree");
  }

  @Test
  void shouldRejectBinaryGarbageWithAReadableReason() {
    String binary =
        new String(
            new byte[] {0, 1, 2, (byte) 0xff, 10, 'M', 'e', 'm', 0x7f},
            StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> MemInfoParser.parse(binary))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("MemTotal")
        .hasMessageContaining("\\x00\\x01");
  }

  @Test
  void shouldRejectEmptyText() {
    assertThatThrownBy(() -> MemInfoParser.parse("")).isInstanceOf(FormatException.class);
  }
}
