package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

  private static ReadableByteChannel channelOf(String text) {
    return Channels.newChannel(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> readAll(BoundedLineReader reader) throws IOException {
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = reader.readLine()) != null) {
      lines.add(line);
    }
    return lines;
  }

  @Test
  void shouldSplitLinesAndKeepALastLineWithoutNewline() throws Exception {
    BoundedLineReader reader = new BoundedLineReader(channelOf("one\r\n\ntwo \u00e9\nlast"), 64);

    assertThat(readAll(reader)).containsExactly("one", "", "two \u00e9", "last");
  }

  @Test
  void shouldReturnNothingForEmptyInput() throws Exception {
    assertThat(new BoundedLineReader(channelOf(""), 64).readLine()).isNull();
  }

  @Test
  void shouldDropLinesLongerThanTheBoundAndGoOn() throws Exception {
    String text = "before\n" + "x".repeat(1000) + "\nmiddle\n" + "y".repeat(100) + "\nafter\n";
    BoundedLineReader reader = new BoundedLineReader(channelOf(text), 64);

    assertThat(readAll(reader)).containsExactly("before", "middle", "after");
    assertThat(reader.oversizedLines()).isEqualTo(2);
  }

  @Test
  void shouldDropAnOverlongLastLineWithoutNewline() throws Exception {
    BoundedLineReader reader = new BoundedLineReader(channelOf("ok\n" + "x".repeat(500)), 64);

    assertThat(readAll(reader)).containsExactly("ok");
    assertThat(reader.oversizedLines()).isEqualTo(1);
  }

  @Test
  void shouldJoinLinesThatArriveInPieces() throws Exception {
    byte[] bytes =
        "6,1,0,-;first\n SUBSYSTEM=scsi\n6,2,0,-;second\n".getBytes(StandardCharsets.UTF_8);
    ReadableByteChannel trickle =
        new ReadableByteChannel() {
          private int next;

          @Override
          public int read(ByteBuffer dst) {
            if (next == bytes.length) {
              return -1;
            }
            dst.put(bytes[next++]);
            return 1;
          }

          @Override
          public boolean isOpen() {
            return true;
          }

          @Override
          public void close() {}
        };

    assertThat(readAll(new BoundedLineReader(trickle, 16)))
        .containsExactly("6,1,0,-;first", " SUBSYSTEM=scsi", "6,2,0,-;second");
  }
}
