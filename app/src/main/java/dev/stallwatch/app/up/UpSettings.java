package dev.stallwatch.app.up;

import dev.stallwatch.server.ServerSecurity;
import dev.stallwatch.server.alerting.AlertSinkConfig;
import java.nio.file.Path;

/**
 * What {@code stallwatch up} runs with.
 *
 * @param dataDir broker log, analyzer state and search index live under it
 * @param bindAddress where the dashboard listens
 * @param port the dashboard's port; 0 picks a free one
 * @param demo whether to add the simulated fleet
 * @param collectorRoot the root the local collector reads this machine under ({@code /} live)
 * @param security the dashboard's credentials and TLS
 * @param alerts where alerts go ({@link AlertSinkConfig#NONE}: nowhere but the dashboard)
 */
public record UpSettings(
    Path dataDir,
    String bindAddress,
    int port,
    boolean demo,
    Path collectorRoot,
    ServerSecurity security,
    AlertSinkConfig alerts) {}
