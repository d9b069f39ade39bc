package dev.stallwatch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryTextTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "apt hang gradual | apt hang gradual",
        "apt AND (hang OR freeze) -docker | apt AND (hang OR freeze) -docker",
        "\"Resource Saver\" hang~ hung* | \"Resource Saver\" hang~ hung*",
        "Wsl/Service/E_UNEXPECTED | Wsl\\/Service\\/E_UNEXPECTED",
        "INFO: task apt-get:4711 blocked | INFO\\: task apt-get\\:4711 blocked",
        "'[  1234.567890] hung' | '\\[  1234.567890\\] hung'",
        "{x} | \\{x\\}",
        "write failed -1 11 | write failed \\-1 11",
        "-bash: /usr/bin/docker: gone | \\-bash\\: \\/usr\\/bin\\/docker\\: gone",
        "wsl -l -v hangs -docker | wsl \\-l \\-v hangs -docker",
        "apt-get -docker | apt-get -docker",
        "host:dev-laptop-07 | host:dev-laptop-07",
        "HOST:dev-laptop-07 status:OPEN | host:dev-laptop-07 status:OPEN",
        "-host:build-box-03 | -host:build-box-03",
        "(rule:resource-saver-gradual) | (rule:resource-saver-gradual)",
        "host:a:b | host:a\\:b",
        "\"a/b: [c] -1\" | \"a/b: [c] -1\"",
        "a\\:b | a\\:b",
        "\"say \\\"hi\\\"\" | \"say \\\"hi\\\"\"",
      })
  void escapesWhatLogLinesContainAndKeepsTheQuerySyntax(String typed, String prepared) {
    assertThat(QueryText.prepare(typed)).isEqualTo(prepared);
  }

  @Test
  void aTrailingBackslashIsSearchedAsItself() {
    assertThat(QueryText.prepare("C:\\")).isEqualTo("C\\:\\\\");
  }

  @Test
  void anUnclosedQuoteIsRefused() {
    assertThatThrownBy(() -> QueryText.prepare("\"Resource Saver"))
        .isInstanceOf(QueryException.class)
        .hasMessage("The query has a quote (\") that is never closed.");
  }

  @Test
  void aTextLongerThanTheLimitIsRefused() {
    String tooLong = "hang ".repeat(QueryText.MAX_CHARS / 5 + 1);

    assertThatThrownBy(() -> QueryText.prepare(tooLong))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("longer than " + QueryText.MAX_CHARS);
  }
}
