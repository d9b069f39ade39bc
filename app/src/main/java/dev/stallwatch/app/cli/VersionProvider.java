package dev.stallwatch.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven wrote into the jar. */
final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() throws IOException {
    Properties props = new Properties();
    try (InputStream in =
        getClass().getResourceAsStream("/dev/stallwatch/app/version.properties")) {
      if (in != null) {
        props.load(in);
      }
    }
    return new String[] {
      "stallwatch " + props.getProperty("version", "unknown"),
      "Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")"
    };
  }
}
