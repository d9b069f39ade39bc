package dev.stallwatch.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {

  @Test
  void shouldTurnCredentialsInTheUrlIntoBasicAuthAndNeverShowThem() {
    Endpoint endpoint = Endpoint.of("https://pager:t0ps3cret@hooks.example:8443/notify?x=1");
    assertThat(endpoint.target()).isEqualTo("https://hooks.example:8443/notify?x=1");
    assertThat(endpoint.toString())
        .doesNotContain("t0ps3cret", "pager:")
        .contains("with credentials");
    assertThat(endpoint.authorization()).contains("Basic cGFnZXI6dDBwczNjcmV0");
  }

  @Test
  void shouldKeepBearerTokensOutOfToString() {
    Endpoint endpoint = Endpoint.of("http://am:9093/api/v2/alerts").withBearerToken("abc.def.ghi");
    assertThat(endpoint.toString()).doesNotContain("abc.def.ghi");
    assertThat(endpoint.authorization()).contains("Bearer abc.def.ghi");
  }

  @Test
  void shouldRedactCredentialsInErrorsAboutTheUrl() {
    assertThatThrownBy(() -> Endpoint.of("ftp://user:pw123@host/x"))
        .hasMessageNotContaining("pw123")
        .hasMessageContaining("ftp://***@host/x");
  }
}
