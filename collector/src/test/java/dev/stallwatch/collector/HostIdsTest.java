package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostIdsTest {

  private static final String MACHINE_ID = "7c2b1f5e9a8d4c3b8e6f0a1d2c3b4a59";

  @Test
  void shouldDeriveAStableIdFromTheMachineIdWithoutRevealingIt() {
    Path root = Fixtures.root(Fixtures.CGROUP2);

    String id = HostIds.stable(root);

    assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo(MACHINE_ID);
    assertThat(HostIds.stable(root)).isEqualTo(id);
    assertThat(HostIds.hashed(MACHINE_ID)).isEqualTo(id);
    assertThat(HostIds.hashed("0123456789abcdef0123456789abcdef")).isNotEqualTo(id);
  }

  @Test
  void shouldFallBackToTheHostnameWithoutAMachineId(@TempDir Path root) throws Exception {
    String hostname = InetAddress.getLocalHost().getHostName();

    assertThat(HostIds.stable(root)).isEqualTo(hostname).isNotBlank();
  }

  @Test
  void shouldFallBackToTheHostnameWhenTheMachineIdIsEmptyOrUninitialized(@TempDir Path root)
      throws Exception {
    Files.createDirectories(root.resolve("etc"));
    String hostname = InetAddress.getLocalHost().getHostName();

    Files.writeString(root.resolve("etc/machine-id"), "\n");
    assertThat(HostIds.stable(root)).isEqualTo(hostname);

    Files.writeString(root.resolve("etc/machine-id"), "uninitialized\n");
    assertThat(HostIds.stable(root)).isEqualTo(hostname);
  }
}
