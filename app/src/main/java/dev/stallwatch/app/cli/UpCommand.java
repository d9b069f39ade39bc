package dev.stallwatch.app.cli;

import dev.stallwatch.app.ServiceStack;
import dev.stallwatch.app.ShutdownSignal;
import dev.stallwatch.app.StartupException;
import dev.stallwatch.app.up.LocalStack;
import dev.stallwatch.app.up.UpSettings;
import dev.stallwatch.server.ServerSecurity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stallwatch up}: everything on one machine, with no setup. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Runs stallwatch on this machine: a Kafka broker (KRaft, data on disk), the correlation"
          + " topology, the search index, the dashboard on 127.0.0.1 and a collector reading"
          + " this machine. Ctrl-C stops it; a restart keeps topics and incidents."
    })
final class UpCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ServingOptions serving;

  @Option(
      names = "--demo",
      description = "Also run a simulated team of WSL2 machines that replays real hang scenarios.")
  boolean demo;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "stallwatch-data",
      description =
          "Where the broker log, analyzer state and index live (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8080",
      description = "Dashboard port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      defaultValue = "/",
      description =
          "Root the local collector reads this machine under (default: ${DEFAULT-VALUE}).")
  Path root;

  @Mixin AlertSinkOptions alertSinks;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new StartupException("--port must be between 0 and 65535, was " + port);
    }
    ServerSecurity security = serving.security(System.getenv());
    ServiceStack stack = new ServiceStack();
    LocalStack local;
    try {
      var alerts = alertSinks.config();
      local =
          LocalStack.start(
              new UpSettings(dataDir, serving.bindAddress(), port, demo, root, security, alerts),
              stack);
    } catch (Exception e) {
      stack.close();
      throw e;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("stallwatch is up: " + local.dashboardUrl());
    out.println(
        "Kafka: %s (also in %s, for kcat -b and Kafka's console tools)"
            .formatted(local.bootstrapServers(), dataDir.resolve(LocalStack.BOOTSTRAP_FILE)));
    out.println("Data in " + dataDir.toAbsolutePath().normalize() + ". Ctrl-C stops it.");
    out.flush();
    return ShutdownSignal.awaitThenClose(stack, local.failure());
  }
}
