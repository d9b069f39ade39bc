package dev.stallwatch.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLS from PEM files, as certificate tools and ACME clients write them: a certificate chain and an
 * unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}, RSA or EC).
 *
 * @param certificate the certificate, followed by any intermediates
 * @param privateKey its key
 */
public record TlsPem(Path certificate, Path privateKey) {

  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  public TlsPem {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /**
   * An in-memory key store holding the key and its chain under {@code password}.
   *
   * @throws IllegalArgumentException with a sentence naming the file that cannot be used
   */
  public KeyStore keyStore(char[] password) {
    List<Certificate> chain = certificates();
    PrivateKey key = key();
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("stallwatch", key, password, chain.toArray(Certificate[]::new));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "the key in %s does not go with the certificate in %s (%s)"
              .formatted(privateKey, certificate, e.getMessage()),
          e);
    }
  }

  private List<Certificate> certificates() {
    try {
      byte[] pem = Files.readAllBytes(certificate);
      List<Certificate> chain =
          List.copyOf(
              CertificateFactory.getInstance("X.509")
                  .generateCertificates(new ByteArrayInputStream(pem)));
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("%s holds no PEM certificate".formatted(certificate));
      }
      return chain;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the TLS certificate %s (%s)".formatted(certificate, e.getMessage()), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "%s is not a PEM certificate (%s)".formatted(certificate, e.getMessage()), e);
    }
  }

  private PrivateKey key() {
    String pem;
    try {
      pem = Files.readString(privateKey, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the TLS key %s (%s)".formatted(privateKey, e.getMessage()), e);
    }
    Matcher matcher = PKCS8.matcher(pem);
    if (!matcher.find()) {
      throw new IllegalArgumentException(
          ("%s holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert it with"
                  + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'")
              .formatted(privateKey));
    }
    byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
        // Not this algorithm: PKCS#8 names it inside, but KeyFactory wants it up front.
      }
    }
    throw new IllegalArgumentException(
        "the key in %s is neither RSA, EC nor Ed25519".formatted(privateKey));
  }
}
