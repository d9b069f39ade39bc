package dev.stallwatch.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the index keeps of the text people paste. */
class AnalysisTest {

  private final Analyzer index = Analyzers.index();

  @AfterEach
  void close() {
    index.close();
  }

  private List<String> terms(String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = index.tokenStream(IndexFields.EVIDENCE, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term.toString());
      }
      stream.end();
    }
    return out;
  }

  @Test
  void anErrorCodeStaysWholeAndItsPartsAreFindable() throws IOException {
    assertThat(terms("Wsl/Service/E_UNEXPECTED"))
        .startsWith("wsl/service/e_unexpected")
        .contains("wsl", "service", "e_unexpected", "unexpected");
  }

  @Test
  void aPathAVersionAndAHexCodeStayWholeWithoutSentencePunctuation() throws IOException {
    assertThat(terms("write(/sys/fs/cgroup/memory.reclaim) failed."))
        .contains("sys/fs/cgroup/memory.reclaim", "memory.reclaim", "reclaim", "fail")
        .doesNotContain("failed.");
    assertThat(terms("Wsl/0x800703e3")).contains("wsl/0x800703e3", "0x800703e3");
  }

  @Test
  void aVersionAlsoIndexesItsShorterPrefixesForPartialQueries() throws IOException {
    assertThat(terms("Docker Desktop 4.42.0")).contains("4.42.0", "4.42");
    assertThat(terms("WSL 2.5.7.0")).contains("2.5.7.0", "2.5.7", "2.5");
  }

  @Test
  void aProcessWithItsPidKeepsTheNameAndThePid() throws IOException {
    assertThat(terms("INFO: task apt-get:4711 blocked for more than 122 seconds."))
        .contains("apt-get:4711", "apt-get", "4711", "apt", "get", "block", "122");
  }

  @Test
  void plainWordsAreStemmedButProtectedTermsAreNot() throws IOException {
    assertThat(terms("terminals hangs autoMemoryReclaim=gradual"))
        .contains("terminal", "hang", "automemoryreclaim=gradual", "automemoryreclaim", "gradual");
  }
}
