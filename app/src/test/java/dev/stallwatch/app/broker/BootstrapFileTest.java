package dev.stallwatch.app.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapFileTest {

  @TempDir Path data;

  @Test
  void shouldWriteOneLineThatKafkaToolsTakeAndReadItsPortBack() throws Exception {
    BootstrapFile file = new BootstrapFile(data.resolve("bootstrap"));

    file.write("127.0.0.1:39092");

    assertThat(Files.readString(data.resolve("bootstrap"))).isEqualTo("127.0.0.1:39092\n");
    assertThat(file.previousPort()).hasValue(39092);
    assertThat(data.resolve("bootstrap.next")).doesNotExist();
  }

  @Test
  void shouldHaveNoPreviousPortBeforeTheFirstStartOrWhenTheFileHoldsSomethingElse()
      throws Exception {
    BootstrapFile file = new BootstrapFile(data.resolve("bootstrap"));
    assertThat(file.previousPort()).isEmpty();

    for (String content : new String[] {"", "localhost:9092", "127.0.0.1:99999", "garbage"}) {
      Files.writeString(data.resolve("bootstrap"), content);
      assertThat(file.previousPort()).as(content).isEmpty();
    }
  }

  @Test
  void shouldTakeThePreviousPortWhenFreeAndAnotherWhenTaken() throws Exception {
    int free = EmbeddedBroker.freePort();
    assertThat(EmbeddedBroker.portPreferring(OptionalInt.of(free))).isEqualTo(free);

    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThat(EmbeddedBroker.portPreferring(OptionalInt.of(port))).isNotEqualTo(port);
    }
    assertThat(EmbeddedBroker.portPreferring(OptionalInt.empty())).isPositive();
  }
}
