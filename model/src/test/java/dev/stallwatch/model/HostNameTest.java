package dev.stallwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.TelemetryCodec;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A machine's display name travels as the optional {@code hostName} of the inventory, and from
 * there in every host context and host state; it is bounded like any input.
 */
class HostNameTest {

  private static final String INVENTORY =
      "{\"type\":\"inventory\",\"v\":1,\"host\":\"2ceb974d0913d10f5a9fb1674d1423a7\","
          + "\"ts\":\"2026-11-20T09:00:00Z\",\"seq\":1,\"id\":\"i-1\",\"wslVersion\":\"2.5.7.0\"";

  @Test
  void shouldCarryTheNameOnTheWireAndReadItBack() {
    Inventory read =
        (Inventory) TelemetryCodec.fromJson(INVENTORY + ",\"hostName\":\"DEV-LAPTOP-7\"}");

    assertThat(read.hostName()).isEqualTo("DEV-LAPTOP-7");
    assertThat(TelemetryCodec.toJson(read)).contains("\"hostName\":\"DEV-LAPTOP-7\"");
  }

  @Test
  void shouldReadAnInventoryOfAnOlderCollectorWithoutANameAndWriteNone() {
    Inventory read = (Inventory) TelemetryCodec.fromJson(INVENTORY + "}");

    assertThat(read.hostName()).isNull();
    assertThat(TelemetryCodec.toJson(read)).doesNotContain("hostName");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<script>alert(1)</script>",
        "anna laptop",
        "anna\\u001b[31mred",
        "anna\\u202egnp.exe",
        "",
        "a-name-of-sixty-five-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void shouldRefuseAnInventoryWhoseNameIsNotAHostNameWithoutEchoingIt(String name) {
    String json = INVENTORY + ",\"hostName\":\"" + name + "\"}";

    assertThatThrownBy(() -> TelemetryCodec.fromJson(json))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("hostName must be 1 to 64 letters, digits, '-', '.' or '_'")
        .hasMessageNotContaining("script")
        .hasMessageNotContaining("\u001b");
  }

  @Test
  void shouldAcceptNamesAsLinuxAndWindowsGiveThem() {
    assertThat(HostNames.isValid("anna-laptop")).isTrue();
    assertThat(HostNames.isValid("DESKTOP-4F2K9QZ")).isTrue();
    assertThat(HostNames.isValid("build_agent.corp.example")).isTrue();
    assertThat(HostNames.isValid("MÜLLER-PC")).isTrue();
    assertThat(HostNames.isValid("x".repeat(64))).isTrue();
    assertThat(HostNames.isValid("x".repeat(65))).isFalse();
  }

  @Test
  void shouldGiveTheHostStateTheNameOfItsContext() throws Exception {
    HostContext context =
        new HostContext("2.5.7.0", null, null, null, "gradual", null, null, null, "anna-laptop");
    HostState state =
        new HostState(
            "2ceb974d", context, Instant.parse("2026-11-20T09:00:00Z"), null, 1, 0, false, 0);

    JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(state));

    assertThat(state.hostName()).isEqualTo("anna-laptop");
    assertThat(json.get("hostName").asText()).isEqualTo("anna-laptop");
    assertThat(json.get("context").get("hostName").asText()).isEqualTo("anna-laptop");
    assertThat(json.get("context").has("setupUnknown")).as("a method, not a field").isFalse();
  }

  @Test
  void shouldCountAContextThatKnowsOnlyTheNameAsUnknownSetup() {
    HostContext named = new HostContext(null, null, null, null, null, null, null, null, "anna");

    assertThat(named.setupUnknown()).isTrue();
    assertThat(HostContext.UNKNOWN.setupUnknown()).isTrue();
    assertThat(new HostContext("2.5.7.0", null, null, null, null, null, null, null).setupUnknown())
        .isFalse();
  }
}
