package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallwatch.model.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Serving other machines: credentials required off loopback and for every state change, a 401 with
 * {@code WWW-Authenticate} without them, and no start on a non-loopback address without any.
 */
class AccessPolicyTest {

  private static final String TOKEN = "swt-4f9c2d7e81a6b35c0e47";
  private static final String BEARER = "Bearer " + TOKEN;
  private static final ServerSecurity WITH_TOKEN =
      new ServerSecurity(AccessPolicy.requiring(TOKEN, null), Optional.empty());

  @Test
  void shouldRefuseAnotherMachineWithoutTheTokenAndServeItWithTheToken() throws Exception {
    String lan = SecuredServer.nonLoopbackAddress();
    try (SecuredServer served = new SecuredServer(WITH_TOKEN, "0.0.0.0")) {
      HttpResponse<String> refused = served.send(lan, "GET", "/api/incidents", null);
      HttpResponse<String> wrongToken =
          served.send(lan, "GET", "/api/incidents", "Bearer swt-4f9c2d7e81a6b35c0e48");
      HttpResponse<String> allowed = served.send(lan, "GET", "/api/incidents", BEARER);

      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"stallwatch\"");
      assertThat(Json.mapper().readTree(refused.body()).path("error").asText())
          .isEqualTo(
              "This request needs the server's credentials: send 'Authorization: Bearer TOKEN'.");
      assertThat(wrongToken.statusCode()).isEqualTo(401);
      assertThat(served.send(lan, "GET", "/api/stream", null).statusCode()).isEqualTo(401);
      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(allowed.body()).contains(TestIncidents.aptHang().id());
      // Refusals count under the route they were for, not as unknown paths.
      assertThat(served.send(lan, "GET", "/metrics", BEARER).body())
          .contains(
              "http_server_requests_seconds_count{method=\"GET\",route=\"/api/incidents\","
                  + "status=\"401\"} 2");
    }
  }

  @Test
  void shouldLetThisMachineReadWithoutTheTokenButNeverChangeState() throws Exception {
    try (SecuredServer served = new SecuredServer(WITH_TOKEN, "0.0.0.0")) {
      HttpResponse<String> read = served.send("127.0.0.1", "GET", "/api/incidents", null);
      HttpResponse<String> change = served.send("127.0.0.1", "POST", "/api/incidents", null);
      HttpResponse<String> changeWithToken =
          served.send("127.0.0.1", "POST", "/api/incidents", BEARER);

      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(change.statusCode()).isEqualTo(401);
      // Past the check, the request reaches the router: no route takes POST there yet.
      assertThat(changeWithToken.statusCode()).isEqualTo(405);
    }
  }

  @Test
  void shouldRefuseAStateChangeFromAnotherMachineWithoutTheToken() throws Exception {
    String lan = SecuredServer.nonLoopbackAddress();
    try (SecuredServer served = new SecuredServer(WITH_TOKEN, lan)) {
      assertThat(served.send(lan, "DELETE", "/api/incidents/x", null).statusCode()).isEqualTo(401);
      assertThat(served.send(lan, "DELETE", "/api/incidents/x", BEARER).statusCode())
          .isEqualTo(405);
    }
  }

  @Test
  void shouldAcceptBasicAuthFromAFile() throws Exception {
    String lan = SecuredServer.nonLoopbackAddress();
    ServerSecurity basic =
        new ServerSecurity(AccessPolicy.requiring(null, "oncall:corr3ct-h0rse"), Optional.empty());
    try (SecuredServer served = new SecuredServer(basic, lan)) {
      HttpResponse<String> refused = served.send(lan, "GET", "/healthz", null);
      HttpResponse<String> allowed =
          served.send(lan, "GET", "/healthz", basic("oncall", "corr3ct-h0rse"));
      HttpResponse<String> wrongPassword =
          served.send(lan, "GET", "/healthz", basic("oncall", "corr3ct-h0rsf"));

      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm=\"stallwatch\""));
      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(wrongPassword.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void shouldNotStartOnAnotherAddressWithoutCredentials() throws Exception {
    String lan = SecuredServer.nonLoopbackAddress();

    assertThatThrownBy(() -> new SecuredServer(ServerSecurity.LOOPBACK, lan).close())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "binding %s lets other machines in, so it needs credentials: give --token-file FILE,"
                + " STALLWATCH_TOKEN or --basic-auth-file FILE",
            lan);
  }

  @Test
  void shouldRefuseMalformedCredentialsWithASentence() {
    assertThatThrownBy(() -> AccessPolicy.requiring(null, "oncall"))
        .hasMessage("basic-auth credentials must be one line 'user:password', both non-empty");
    assertThatThrownBy(() -> AccessPolicy.requiring(" token ", null))
        .hasMessage("the bearer token is empty or has spaces around it; give the token alone");
    assertThat(AccessPolicy.requiring(TOKEN, "oncall:pw").toString())
        .doesNotContain(TOKEN)
        .doesNotContain("pw]");
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
