package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Severity;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.kb.KnowledgeBase;
import dev.stallwatch.server.AccessPolicy;
import dev.stallwatch.server.DashboardServer;
import dev.stallwatch.server.ServerSecurity;
import dev.stallwatch.server.StackStatus;
import dev.stallwatch.server.fleet.FleetView;
import dev.stallwatch.server.team.TeamLog;
import dev.stallwatch.server.team.TeamState;
import java.io.IOException;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stallwatch status} against a real dashboard server over a fleet view and an in-memory
 * index: what it prints for a hanging host, how it says it cannot answer, the token it sends, and
 * what it does with control characters in text that came from a machine.
 */
class StatusCommandTest {

  private static final String HOST = "dev-laptop-07";
  private static final String TOKEN = "status-test-token-4f1c";
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  /** Control characters no terminal output of ours may hold: all but the line end. */
  private static final String CONTROL = "[\\p{Cntrl}&&[^\\n]]";

  @TempDir Path work;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final FleetView fleet = new FleetView();
  private IncidentIndex index;
  private DashboardServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (index != null) {
      index.close();
    }
  }

  @Test
  void shouldPrintTheStateTheOpenIncidentWithItsFixStepsAndTheHostPageLink() {
    String url = start(ServerSecurity.LOOPBACK, "127.0.0.1", hang());

    int exit = status("--server", url, "--host", HOST);

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains(HOST + ": hanging now (1 open incident)")
        .contains("WSL 2.5.7.0", "Docker Desktop 4.42.0", "autoMemoryReclaim=gradual")
        .contains("Open incidents:", "apt hung while Docker Desktop was in Resource Saver")
        .contains("Why and what to change: Set autoMemoryReclaim=dropcache")
        .contains("Its page: " + url + "/#/hosts/" + HOST);
    assertThat(out.toString().lines().filter(line -> line.startsWith("    - ")))
        .as("fix steps")
        .isNotEmpty();
  }

  @Test
  void shouldSayInOneLineThatTheServerHasNotHeardFromTheHost() {
    String url = start(ServerSecurity.LOOPBACK, "127.0.0.1", hang());

    int exit = status("--server", url, "--host", "dev-nobody");

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().strip())
        .startsWith("stallwatch: the server at " + url + " has not heard from host dev-nobody")
        .doesNotContain("\n");
  }

  @Test
  void shouldSayInOneLineThatNoServerAnswers() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;

    int exit = status("--server", url, "--host", HOST);

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().strip())
        .isEqualTo(
            "stallwatch: the stallwatch server at "
                + url
                + " does not answer; start one with 'stallwatch up' or pass --server URL");
  }

  @Test
  void shouldSendTheTokenFromTheTokenFileToAServerThatWantsOne() throws Exception {
    ServerSecurity secured =
        new ServerSecurity(AccessPolicy.requiring(TOKEN, null), Optional.empty());
    // A server asks for credentials only from other machines: ask it on a non-loopback address.
    String url = start(secured, nonLoopbackAddress(), hang());
    Path tokenFile = Files.writeString(work.resolve("token"), TOKEN + "\n");

    int refused = status("--server", url, "--host", HOST);

    assertThat(refused).isEqualTo(1);
    assertThat(err.toString()).contains("wants its token: give --token-file FILE");

    err.getBuffer().setLength(0);
    int exit = status("--server", url, "--host", HOST, "--token-file", tokenFile.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains(HOST + ": hanging now").doesNotContain(TOKEN);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void shouldStripControlCharactersFromWhatTheServerSays() {
    Incident base = hang();
    Incident hostile =
        new Incident(
            base.id(),
            base.host(),
            base.rule(),
            "apt hung\u001b[2J\u001b]0;owned\u0007 while\rDocker slept",
            base.status(),
            base.severity(),
            base.onset(),
            base.openedAt(),
            base.updatedAt(),
            base.resolvedAt(),
            base.confidence(),
            base.confidenceReasons(),
            base.evidence(),
            base.context(),
            base.knownIssues(),
            "Set\u001b[8m hidden\u001b[0m autoMemoryReclaim=dropcache\u0000.");
    String url = start(ServerSecurity.LOOPBACK, "127.0.0.1", hostile);

    int exit = status("--server", url, "--host", HOST);

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).doesNotContainPattern(CONTROL);
    assertThat(out.toString())
        .contains("apt hung [2J ]0;owned  while Docker slept")
        .contains("Why and what to change: Set [8m hidden [0m autoMemoryReclaim=dropcache");
  }

  private int status(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "status";
    System.arraycopy(args, 0, all, 1, args.length);
    return InProcessCli.run(out, err, all);
  }

  /** Serves {@code incident} and the hanging host's state; returns the server's URL. */
  private String start(ServerSecurity security, String bindAddress, Incident incident) {
    index = IncidentIndex.inMemory(KnowledgeBase.shipped());
    index.upsert(incident);
    index.refresh();
    fleet.apply(hangingHost());
    server =
        new DashboardServer(
            index,
            StackStatus.NONE,
            security,
            new TeamState(Clock.systemUTC()),
            TeamLog.NONE,
            fleet);
    server.start(bindAddress, 0);
    return "http://" + bindAddress + ":" + server.port();
  }

  private static Incident hang() {
    return AnalyzerRecords.open(
        HOST, "resource-saver-gradual", Severity.CRITICAL, NOW.minus(Duration.ofMinutes(10)));
  }

  private static HostState hangingHost() {
    HostContext context =
        new HostContext(
            "2.5.7.0",
            "6.6.87.2-microsoft-standard-WSL2",
            "10.0.26100.4061",
            "4.42.0",
            "gradual",
            CgroupLayout.V2,
            true,
            true,
            HOST);
    return new HostState(
        HOST,
        context,
        NOW,
        NOW,
        42,
        0,
        true,
        1,
        List.of("resource-saver-gradual"),
        false,
        1,
        NOW.minus(Duration.ofMinutes(10)),
        List.of("resource-saver-gradual"),
        false,
        List.of(),
        HOST);
  }

  /** An IPv4 address of this machine other than loopback; fails on a machine without one. */
  private static String nonLoopbackAddress() throws SocketException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return address.getHostAddress();
        }
      }
    }
    throw new AssertionError("this test needs a network address other than loopback");
  }
}
