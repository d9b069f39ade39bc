package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CgroupMemoryParserTest {

  @Test
  void shouldReadMemoryCurrentAsBytes() throws Exception {
    assertThat(CgroupMemoryParser.parseCurrent("1937833984\n")).isEqualTo(1937833984L);
  }

  @Test
  void shouldRejectMemoryCurrentThatIsNotANumber() {
    assertThatThrownBy(() -> CgroupMemoryParser.parseCurrent("max\n"))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("memory.current")
        .hasMessageContaining("max");
    assertThatThrownBy(() -> CgroupMemoryParser.parseCurrent("9999999999999999999"))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> CgroupMemoryParser.parseCurrent(""))
        .isInstanceOf(FormatException.class);
  }

  @Test
  void shouldReadMemoryStatKeyValueLinesInOrder() throws Exception {
    assertThat(
            CgroupMemoryParser.parseStat(
                "anon 303923200\nfile 1616138240\nfile_dirty 86016\npgscan 88213\n"))
        .containsExactly(
            Map.entry("anon", 303923200L),
            Map.entry("file", 1616138240L),
            Map.entry("file_dirty", 86016L),
            Map.entry("pgscan", 88213L));
  }

  @Test
  void shouldSkipMalformedAndOutOfRangeStatLines() throws Exception {
    assertThat(
            CgroupMemoryParser.parseStat(
                "anon 1\nfile\nshmem x\npgscan 99999999999999999999\nfile_dirty 2 3\npgsteal 4"))
        .containsOnlyKeys("anon", "pgsteal");
  }

  @Test
  void shouldRejectStatWithoutAnyKeyValueLine() {
    assertThatThrownBy(() -> CgroupMemoryParser.parseStat("\u0000\u0001garbage"))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("memory.stat");
  }
}
