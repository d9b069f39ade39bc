package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KmsgParserTest {

  @Test
  void shouldSplitPriorityAndFacilityAndReadSequenceAndTimestamp() throws Exception {
    KmsgRecord record =
        KmsgParser.parse(
            "30,1285,4712035551,-;systemd[1]: Starting apt-daily.service - Daily apt download"
                + " activities...");

    assertThat(record.priority()).isEqualTo(6);
    assertThat(record.facility()).isEqualTo(3);
    assertThat(record.seq()).isEqualTo(1285);
    assertThat(record.microsSinceBoot()).isEqualTo(4712035551L);
    assertThat(record.message())
        .isEqualTo("systemd[1]: Starting apt-daily.service - Daily apt download activities...");
  }

  @Test
  void shouldIgnoreUnknownExtraCommaFields() throws Exception {
    KmsgRecord withCaller =
        KmsgParser.parse(
            "3,1290,5234567890,-,caller=T58;INFO: task apt-get:4711 blocked for more than 120"
                + " seconds.");
    KmsgRecord withMore = KmsgParser.parse("6,7,8,c,caller=C1,future=x,y;hello");

    assertThat(withCaller.priority()).isEqualTo(3);
    assertThat(withCaller.message())
        .isEqualTo("INFO: task apt-get:4711 blocked for more than 120 seconds.");
    assertThat(withMore.seq()).isEqualTo(7);
    assertThat(withMore.message()).isEqualTo("hello");
  }

  @Test
  void shouldKeepSemicolonsAndLeadingSpacesOfTheMessage() throws Exception {
    assertThat(KmsgParser.parse("6,1296,5234567980,-; __schedule+0x3c4/0xd60; again").message())
        .isEqualTo(" __schedule+0x3c4/0xd60; again");
    assertThat(KmsgParser.parse("6,1,2,-;").message()).isEmpty();
  }

  @Test
  void shouldDecodeEscapedBytes() {
    assertThat(KmsgParser.unescape("initrd=\\x5cinitrd.img")).isEqualTo("initrd=\\initrd.img");
    assertThat(KmsgParser.unescape("tab\\x09end")).isEqualTo("tab\tend");
    assertThat(KmsgParser.unescape("Docker Desktop\\xe2\\x80\\x99s engine"))
        .isEqualTo("Docker Desktop\u2019s engine");
  }

  @Test
  void shouldLeaveIncompleteEscapesAsTheyAreAndReplaceInvalidUtf8() {
    assertThat(KmsgParser.unescape("end\\x4")).isEqualTo("end\\x4");
    assertThat(KmsgParser.unescape("\\xzz")).isEqualTo("\\xzz");
    assertThat(KmsgParser.unescape("bad\\xff!")).isEqualTo("bad\uFFFD!");
    assertThat(KmsgParser.unescape("caf\u00e9 \\x41")).isEqualTo("caf\u00e9 A");
  }

  @Test
  void shouldTellContinuationLinesApart() {
    assertThat(KmsgParser.isContinuation(" SUBSYSTEM=scsi")).isTrue();
    assertThat(KmsgParser.isContinuation("6,412,1853023,-;sd 0:0:0:2: [sdc]")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "6,412",
        "6,412,1853023",
        "6,412,1853023,-",
        "garbage without a header",
        "x,1,2,-;message",
        "6,-1,2,-;negative sequence",
        "\u0000\u0001\u00ff\ufffd;",
        "[  1234.567890] dmesg text is not a kmsg record"
      })
  void shouldRejectLinesThatAreNotRecordsWithTheirStart(String line) {
    assertThatThrownBy(() -> KmsgParser.parse(line))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("not a kmsg record");
  }

  @Test
  void shouldRejectNumbersOutOfRange() {
    assertThatThrownBy(() -> KmsgParser.parse("6,9999999999999999999,2,-;x"))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("sequence number out of range");
    assertThatThrownBy(() -> KmsgParser.parse("9999999999,1,2,-;x"))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("priority out of range");
  }

  @Test
  void shouldCutAHugeLineInTheErrorMessage() {
    String huge = "z".repeat(100_000);

    assertThatThrownBy(() -> KmsgParser.parse(huge))
        .isInstanceOf(FormatException.class)
        .message()
        .hasSizeLessThan(200);
  }
}
