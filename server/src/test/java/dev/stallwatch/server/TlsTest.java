package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files, with a self-signed certificate openssl makes for the test. */
class TlsTest {

  @TempDir static Path dir;
  static TlsPem pem;

  @BeforeAll
  static void makeCertificate() throws Exception {
    pem = new TlsPem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=stallwatch-test",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                pem.privateKey().toString(),
                "-out",
                pem.certificate().toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(openssl.getInputStream().readAllBytes());
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(openssl.exitValue()).as("openssl: %s", output).isZero();
  }

  @Test
  void shouldServeHttpsWithTheCertificateFromPem() throws Exception {
    ServerSecurity tls = new ServerSecurity(AccessPolicy.OPEN, Optional.of(pem));
    try (SecuredServer served = new SecuredServer(tls, "127.0.0.1", trusting(pem.certificate()))) {
      HttpResponse<String> health = served.send("https", "127.0.0.1", "GET", "/healthz", null);

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.sslSession()).isPresent();
      assertThat(health.body()).contains("\"status\":\"ok\"");
    }
  }

  @Test
  void shouldNotBeReadableByAClientThatDoesNotTrustTheCertificate() throws Exception {
    ServerSecurity tls = new ServerSecurity(AccessPolicy.OPEN, Optional.of(pem));
    try (SecuredServer served = new SecuredServer(tls, "127.0.0.1")) {
      assertThatThrownBy(() -> served.send("https", "127.0.0.1", "GET", "/healthz", null))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void shouldSayHowToConvertAKeyThatIsNotPkcs8() throws Exception {
    Path rsa = dir.resolve("rsa.pem");
    Files.writeString(
        rsa, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");

    assertThatThrownBy(() -> new TlsPem(pem.certificate(), rsa).keyStore(new char[] {'x'}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            rsa
                + " holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert it with"
                + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
  }

  private static HttpClient trusting(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry(
          "test", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).build();
  }
}
