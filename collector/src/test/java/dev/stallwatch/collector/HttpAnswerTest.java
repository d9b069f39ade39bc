package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpAnswerTest {

  private static HttpAnswer read(String raw) throws IOException {
    return HttpAnswer.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldReadABodyByLengthByChunksOrToTheEndOfTheStream() throws Exception {
    HttpAnswer byLength =
        read("HTTP/1.1 200 OK\r\nContent-Length: 11\r\nX-Extra: 1\r\n\r\n{\"idle\":1}\n");
    HttpAnswer chunked =
        read(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{\"id\r\n"
                + "6\r\nle\":1}\r\n0\r\nX-Trailer: t\r\n\r\n");
    HttpAnswer toEnd = read("HTTP/1.0 200 OK\nContent-Type: application/json\n\n{\"idle\":1}");

    assertThat(byLength.text()).isEqualTo("{\"idle\":1}\n");
    assertThat(byLength.headers()).containsEntry("x-extra", "1");
    assertThat(chunked.text()).isEqualTo("{\"idle\":1}");
    assertThat(toEnd.text()).isEqualTo("{\"idle\":1}");
    assertThat(read("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n").status()).isEqualTo(404);
  }

  @Test
  void shouldRefuseWhatIsCutShortTooLargeOrNotHttp() {
    assertThatThrownBy(() -> read("")).hasMessage("closed without an answer");
    assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{}"))
        .hasMessage("answer cut short: 2 of 50 bytes");
    assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 99999999\r\n\r\n"))
        .hasMessageContaining("more than 262144 allowed");
    assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n"))
        .hasMessage("bad Content-Length: ten");
    assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
        .hasMessage("bad chunk size: zz");
    assertThatThrownBy(() -> read("{\"vmPaused\":true}"))
        .hasMessageStartingWith("not an HTTP answer: ");
    assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n"))
        .hasMessageStartingWith("bad HTTP header");
  }

  @Test
  void shouldStopReadingAnEndlessHeaderOrBody() {
    InputStream endlessHeader =
        new InputStream() {
          private int sent;

          @Override
          public int read() {
            return sent++ < 17 ? "HTTP/1.1 200 OK\r\n".charAt(sent - 1) : 'x';
          }
        };
    InputStream endlessBody =
        new java.io.SequenceInputStream(
            new ByteArrayInputStream("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
            new InputStream() {
              @Override
              public int read() {
                return 'y';
              }
            });

    assertThatThrownBy(() -> HttpAnswer.read(endlessHeader))
        .hasMessage("headers longer than 16384 bytes");
    assertThatThrownBy(() -> HttpAnswer.read(endlessBody))
        .hasMessage("body larger than 262144 bytes");
  }
}
