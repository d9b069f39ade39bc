package dev.stallwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The shape of the topology, names of operators, stores and internal topics included. A rename here
 * would orphan the state and changelogs of running analyzers, so it must be deliberate: update
 * {@code golden/topology.txt} in the same change and say how deployed state migrates.
 */
class TopologyDescriptionTest {

  @Test
  void shouldKeepEveryOperatorAndStoreNameAsDeployed() throws IOException {
    String described = CorrelationTopology.build().describe().toString();

    assertThat(described.strip()).isEqualTo(golden().strip());
  }

  private static String golden() throws IOException {
    try (InputStream in =
        TopologyDescriptionTest.class.getResourceAsStream("/golden/topology.txt")) {
      assertThat(in).as("golden/topology.txt").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
