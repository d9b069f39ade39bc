package dev.stallwatch.server;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stallwatch.model.Json;

/**
 * The JSON of the API: the shared {@link Json#mapper()} settings, plus {@code < > & '} written as
 * {@code \}{@code u} escapes. Log lines in incidents are attacker-controlled; escaped, a line such
 * as {@code <script>} stays inert data even where a response ends up parsed as HTML.
 */
final class ApiJson {

  private static final ObjectMapper MAPPER = htmlSafeCopy();

  private ApiJson() {}

  static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper htmlSafeCopy() {
    // A copy: the shared mapper must stay as every other module configured it.
    ObjectMapper copy = Json.mapper().copy();
    copy.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    return copy;
  }

  private static final class HtmlSafeEscapes extends CharacterEscapes {

    private final int[] asciiEscapes;

    HtmlSafeEscapes() {
      asciiEscapes = CharacterEscapes.standardAsciiEscapesForJSON();
      for (char c : "<>&'".toCharArray()) {
        asciiEscapes[c] = CharacterEscapes.ESCAPE_STANDARD;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return asciiEscapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }
}
