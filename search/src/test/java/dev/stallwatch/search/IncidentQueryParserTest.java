package dev.stallwatch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentQueryParserTest {

  private final Analyzer analyzer = Analyzers.query();
  private final IncidentQueryParser parser = new IncidentQueryParser(analyzer);

  @AfterEach
  void closeAnalyzer() {
    analyzer.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "apt AND ( | The query ends too early; finish or remove its last operator, field or"
            + " parenthesis.",
        "host: | The query ends too early; finish or remove its last operator, field or"
            + " parenthesis.",
        "apt ) hang | The query has an unexpected ')'; put it in quotes or remove it.",
        "*hang | A search term cannot start with * or ?; put at least one letter before it.",
      })
  void syntaxErrorsAreExplainedInOneSentence(String typed, String message) {
    QueryException e = catchThrowableOfType(QueryException.class, () -> parser.parse(typed));

    assertThat(e).hasMessage(message);
  }

  @Test
  void wordsWithoutAFieldAreSearchedInEveryTextFieldWithTheTitleWeighedMost() {
    Query query = parser.parse("dropcache");

    assertThat(query.toString())
        .contains("(title:dropcache)^3.0", "(evidence:dropcache)^1.0", "(details:dropcache)^1.0")
        .doesNotContain("host:dropcache", "status:dropcache");
  }

  @Test
  void aDashedWordStaysOneTermWithItsPartsWeighedLess() {
    Query query = parser.parse("evidence:apt-get");

    assertThat(query).hasToString("evidence:apt-get (evidence:apt)^0.3 (evidence:get)^0.3");
  }

  @Test
  void aWordForAHangAlsoAsksForTheHangConceptOnce() {
    Query query = parser.parse("title:frozen");

    assertThat(query.toString()).contains("title:frozen", "title:\u00a7hang");
    assertThat(query.toString()).doesNotContain("title:stuck", "title:blocked");
  }

  @Test
  void anOlderFieldNameSearchesTheFieldThatNowHoldsIt() {
    assertThat(parser.parse("issue:dropcache")).hasToString("details:dropcache");
  }

  @Test
  void anIngFormThatTheStemmerKeepsStillAsksForTheConcept() {
    assertThat(parser.parse("title:freezing").toString()).contains("title:\u00a7hang");
  }

  @Test
  void aSynonymOfAMultiWordPhraseNeedsNoPhraseQuery() {
    Query query = parser.parse("title:pause");

    assertThat(query.toString()).contains("title:\u00a7resourcesaver").doesNotContain("\"");
  }

  @Test
  void keywordFieldsAreMatchedWholeAndCaseInsensitively() {
    Query query = parser.parse("host:DEV-LAPTOP-07");

    assertThat(query).hasToString("host:dev-laptop-07");
  }
}
