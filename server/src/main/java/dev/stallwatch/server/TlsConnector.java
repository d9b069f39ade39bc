package dev.stallwatch.server;

import io.javalin.config.JavalinConfig;
import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The HTTPS connector that replaces Javalin's plain one when TLS is on. */
final class TlsConnector {

  private TlsConnector() {}

  static void add(JavalinConfig config, TlsPem tls, String host, int port) {
    // The key store lives only in memory; its password only guards it there.
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    char[] password = Base64.getEncoder().encodeToString(random).toCharArray();
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(tls.keyStore(password));
    ssl.setKeyStorePassword(new String(password));
    config.jetty.addConnector(
        (server, http) -> {
          HttpConfiguration https = new HttpConfiguration(http);
          SecureRequestCustomizer secure = new SecureRequestCustomizer();
          // Whether the certificate names the host is the client's check; Jetty's would refuse
          // clients that reach the server by IP address, which send no SNI.
          secure.setSniHostCheck(false);
          https.addCustomizer(secure);
          ServerConnector connector =
              new ServerConnector(
                  server,
                  new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                  new HttpConnectionFactory(https));
          connector.setHost(host);
          connector.setPort(port);
          return connector;
        });
  }
}
