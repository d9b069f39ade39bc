package dev.stallwatch.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server guards what it serves: who may ask ({@link AccessPolicy}) and whether it speaks
 * TLS.
 *
 * @param access credentials required of requests
 * @param tls the certificate and key to serve HTTPS with; empty for plain HTTP
 */
public record ServerSecurity(AccessPolicy access, Optional<TlsPem> tls) {

  /** Loopback-only serving: plain HTTP, no credentials. */
  public static final ServerSecurity LOOPBACK =
      new ServerSecurity(AccessPolicy.OPEN, Optional.empty());

  public ServerSecurity {
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(tls, "tls");
  }

  /**
   * Refuses to serve other machines without credentials.
   *
   * @throws IllegalArgumentException with one sentence when {@code bindAddress} is not loopback and
   *     no credentials are configured, or it cannot be resolved
   */
  public void checkBindable(String bindAddress) {
    boolean loopback;
    try {
      loopback = InetAddress.getByName(bindAddress).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "cannot bind %s: no such address on this machine".formatted(bindAddress), e);
    }
    if (!loopback && !access.requiresCredentials()) {
      throw new IllegalArgumentException(
          ("binding %s lets other machines in, so it needs credentials: give --token-file FILE,"
                  + " STALLWATCH_TOKEN or --basic-auth-file FILE")
              .formatted(bindAddress));
    }
  }

  /** {@code https} or {@code http}. */
  public String scheme() {
    return tls.isPresent() ? "https" : "http";
  }
}
