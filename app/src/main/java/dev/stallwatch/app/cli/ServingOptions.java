package dev.stallwatch.app.cli;

import dev.stallwatch.app.StartupException;
import dev.stallwatch.server.AccessPolicy;
import dev.stallwatch.server.ServerSecurity;
import dev.stallwatch.server.TlsPem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the API listens and how it is guarded: the options of every command that serves it. Any
 * address but loopback needs credentials, and these options refuse to start without them.
 */
final class ServingOptions {

  /** The environment variable a bearer token may come from instead of {@code --token-file}. */
  static final String TOKEN_VARIABLE = "STALLWATCH_TOKEN";

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Address the dashboard and API listen on (default: ${DEFAULT-VALUE}); any other needs"
              + " --token-file, "
              + TOKEN_VARIABLE
              + " or --basic-auth-file.")
  String bindAddress;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "File whose first line is the bearer token requests from other machines, and every"
              + " change, must carry (else the environment's "
              + TOKEN_VARIABLE
              + ").")
  Path tokenFile;

  @Option(
      names = "--basic-auth-file",
      paramLabel = "FILE",
      description = "File whose first line is 'user:password' for basic auth, instead or as well.")
  Path basicAuthFile;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "PEM certificate (and chain) to serve HTTPS with; needs --tls-key.")
  Path tlsCertificate;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "PEM PKCS#8 private key of --tls-cert.")
  Path tlsKey;

  /** The address to listen on. */
  String bindAddress() {
    return bindAddress;
  }

  /**
   * The credentials and TLS these options ask for, checked against the address.
   *
   * @param environment where {@value #TOKEN_VARIABLE} is looked up
   * @throws StartupException with one sentence when a file cannot be read or is malformed, or a
   *     non-loopback address has no credentials
   */
  ServerSecurity security(Map<String, String> environment) throws StartupException {
    String token =
        tokenFile != null ? firstLine(tokenFile, "token") : environment.get(TOKEN_VARIABLE);
    String basic = basicAuthFile == null ? null : firstLine(basicAuthFile, "basic-auth");
    if ((tlsCertificate == null) != (tlsKey == null)) {
      throw new StartupException("--tls-cert and --tls-key go together; give both or neither");
    }
    Optional<TlsPem> tls =
        tlsCertificate == null ? Optional.empty() : Optional.of(new TlsPem(tlsCertificate, tlsKey));
    try {
      AccessPolicy access =
          token == null && basic == null ? AccessPolicy.OPEN : AccessPolicy.requiring(token, basic);
      ServerSecurity security = new ServerSecurity(access, tls);
      security.checkBindable(bindAddress);
      // Read the PEM files now, so a bad one stops up before it starts Kafka.
      tls.ifPresent(pem -> pem.keyStore(new char[] {'-'}));
      return security;
    } catch (IllegalArgumentException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }

  private static String firstLine(Path file, String what) throws StartupException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StartupException(
          "cannot read the %s file %s (%s)".formatted(what, file, e.getMessage()), e);
    }
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      throw new StartupException("the %s file %s is empty".formatted(what, file));
    }
    return lines.get(0).strip();
  }
}
