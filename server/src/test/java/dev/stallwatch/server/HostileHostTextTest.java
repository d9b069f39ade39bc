package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.event.Envelope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Why the browser tests of the views put their hostile text into kernel lines, version strings,
 * titles, notes and comments and not into host names: the model refuses a host name or a host id
 * that markup would read, so such a name never reaches the fleet routes.
 */
class HostileHostTextTest {

  private static final String SCRIPT = "<script>" + TestIncidents.PWNED + "=true</script>";
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void shouldRefuseAHostStateWhoseNameIsAScriptTag() {
    assertThatThrownBy(
            () ->
                new HostState(
                    "dev-anna",
                    null,
                    NOW,
                    NOW,
                    1,
                    0,
                    false,
                    0,
                    List.of(),
                    false,
                    0,
                    null,
                    List.of(),
                    false,
                    List.of(),
                    SCRIPT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("hostName must be 1 to 64 letters, digits");
  }

  @Test
  void shouldRefuseAContextWhoseNameIsAScriptTag() {
    assertThatThrownBy(
            () -> new HostContext("2.5.7.0", null, null, null, null, null, null, null, SCRIPT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("hostName must be 1 to 64 letters, digits");
  }

  @Test
  void shouldRefuseTelemetryFromAHostIdThatIsAScriptTag() {
    assertThatThrownBy(() -> Envelope.of(SCRIPT, NOW, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("host must be 1 to 128 letters, digits");
    assertThat(Envelope.isHostId("dev-laptop-07")).isTrue();
  }
}
