package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DNS, mail, SIP and DHCP patched in turn, and then a broken DNS patch rolled back, while dnsperf, smtp-source,
 * SIPp (REGISTER with digest) and perfdhcp (DORA) load DNS, SMTP, the registrar and the DHCP server at a
 * bounded rate: no DNS query lost, no SMTP connection refused and every accepted message stored once, no
 * REGISTER failed, no DHCP exchange dropped and no address leased to two clients. For DHCP Switchboard runs in
 * the server namespace of {@link LanNamespaces} (perfdhcp on the client side, the other loads on the server
 * namespace's loopback, the console forwarded to the test's loopback); without root it runs here without DHCP
 * and the test ends as skipped once the other services passed. The figures per service go to the test's
 * output and to {@code figures.txt} in its directory. Switchboard's own threads are the same before and after
 * (not counting the pools that grow with use: SMTP sessions, the health check executor's).
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PatchUnderMixedLoadTest {
    private static final int LOAD_SECONDS = 45;
    private static final int DNS_QPS = 300;
    private static final int SMTP_SESSIONS = 5;
    private static final int MESSAGES = SMTP_SESSIONS * LOAD_SECONDS;
    private static final int REGISTERS_PER_SECOND = 20;
    private static final String SIP_PASSWORD = "violet-harbour-42";
    private static final int DHCP_RATE = 50;
    private static final int DHCP_CLIENTS = 200;
    /** The bundles under load; firewall and WAN are patched under load by bench/patch/run.sh. */
    private static final List<String> CAPABILITIES = List.of("switchboard.dns", "switchboard.mail", "switchboard.sip", "switchboard.dhcp");
    private static final Duration VERDICT = Duration.ofSeconds(60);

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();
    /** The office LAN for perfdhcp; null without root (the DHCP part is then skipped). */
    private LanNamespaces lan;
    /** What runs Switchboard and the loads on its loopback: {@code ip netns exec} into the LAN's server namespace, or nothing. */
    private List<String> wrapper = List.of();
    private SwitchboardProcess server;

    @BeforeEach
    void createLan() {
        if (!LanNamespaces.usable() || !LanNamespaces.onPath("perfdhcp") || !LanNamespaces.onPath("socat")) return;
        lan = LanNamespaces.create("02:00:5e:00:01:02");
        wrapper = lan.serverWrapper();
    }

    @AfterEach
    void removeLan() {
        if (server != null) server.stop();
        if (lan != null) lan.close();
    }

    @Test
    void patchesAndARollbackUnderLoadLoseNothing() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dnsperf")), "needs dnsperf (.ci/install-test-tools)");
        MailHome office = new MailHome(switchboards.newHome(), "127.0.0.1", "");
        SwitchboardHome home = office.home;
        int dnsPort = FreePort.pick();
        home.writeConfig(SwitchboardHome.NETWORK_PID, "domain = " + MailHome.DOMAIN + "\n" + (lan == null ? ""
                : "lan.interface = " + lan.serverInterface + "\nlan.address = " + LanNamespaces.SERVER_ADDRESS + "/24\nmode = nat\n"));
        home.writeConfig("switchboard.dns", "port = " + dnsPort + "\nforwarders.enabled = false\n");
        if (lan != null) home.writeConfig("switchboard.dhcp", "pool.start = 192.168.2.1\npool.end = 192.168.2.250\nprobe = none\n");
        home.writeConfig("switchboard.patch", "health.window.seconds = 10\n");
        home.configureSip("min.expires = 1\ndigest.algorithms = MD5, SHA-256\n");
        if (lan != null) lan.forwardFromServer(home.consolePort(), switchboards.testDirectory().resolve("console-forward.log"));
        server = switchboards.launch(wrapper, home.root());
        RunningSwitchboard switchboard = RunningSwitchboard.awaitReady(home, server);
        if (lan == null) MailPorts.awaitOpen("127.0.0.1", office.smtp);
        else Poll.until(VERDICT, "SMTP in the server namespace", () -> lan.serverAccepts(office.smtp));
        Poll.until(VERDICT, "the Phones page", () -> switchboard.http().get(PhonesPage.PATH, RunningSwitchboard.ADMIN,
                switchboard.initialAdminPassword()).statusCode() == 200);
        new PhonesPage(switchboard).addExtension("alice", "201", SIP_PASSWORD);
        List<String> threadsBefore = ownThreads(switchboard, switchboards.testDirectory().resolve("threads-before.txt"));

        Path dir = switchboards.testDirectory();
        Path queries = dir.resolve("queries.txt");
        Files.writeString(queries, "lan.office.lan A\nns.office.lan A\nsmtp.office.lan A\noffice.lan MX\n");
        Process dnsperf = startLoad(dir.resolve("dnsperf.log"), "timeout", String.valueOf(LOAD_SECONDS + 30), "dnsperf", "-s", "127.0.0.1",
                "-p", String.valueOf(dnsPort), "-d", queries.toString(), "-l", String.valueOf(LOAD_SECONDS), "-Q", String.valueOf(DNS_QPS),
                "-t", "5");
        Process smtp = startLoad(dir.resolve("smtp-source.log"), "timeout", String.valueOf(LOAD_SECONDS + 60), "smtp-source",
                "-s", String.valueOf(SMTP_SESSIONS), "-w", "1", "-m", String.valueOf(MESSAGES), "-l", "2048", "-f", "load@sender.example",
                "-t", "anna@office.lan", "127.0.0.1:" + office.smtp);
        Sipp sipp = new Sipp(dir, home.sipPort(), wrapper);
        int phonePort = FreePort.pickUdp();
        CompletableFuture<Sipp.Result> registers = CompletableFuture.supplyAsync(() -> sipp.run(new Sipp.Run("alice", SIP_PASSWORD,
                Sipp.contact("alice", phonePort), 600, 200, REGISTERS_PER_SECOND * LOAD_SECONDS, REGISTERS_PER_SECOND), phonePort));
        Process perfdhcp = lan == null ? null : startPerfdhcp(home, dir.resolve("perfdhcp.log"));

        PatchesConsole console = new PatchesConsole(switchboard, switchboard.initialAdminPassword());
        List<String> verdicts = new ArrayList<>();
        Thread.sleep(3000);
        for (String bsn : lan == null ? CAPABILITIES.subList(0, 3) : CAPABILITIES) { // DHCP only with the LAN
            PatchesConsole.Entry e = patch(console, PatchedJar.from(home.deployedBundle(bsn)).version("0.9.1"), dir.resolve(bsn + "-0.9.1.jar"));
            verdicts.add(e.toString());
            assertEquals(List.of(bsn, "0.9.1", "ACCEPTED"), List.of(e.bundle(), e.to(), e.result()), e.toString());
        }
        boolean patchedDuringLoad = dnsperf.isAlive() && smtp.isAlive() && !registers.isDone() && (perfdhcp == null || perfdhcp.isAlive());
        PatchesConsole.Entry broken = patch(console, PatchedJar.from(home.deployedBundle("switchboard.dns")).version("0.9.2")
                .without("switchboard/dns/internal/DnsHealthCheck.class"), dir.resolve("switchboard.dns-0.9.2-broken.jar"));
        verdicts.add(broken.toString());
        assertEquals(List.of("0.9.2", "0.9.1", "ROLLED_BACK"), List.of(broken.from(), broken.to(), broken.result()), broken.toString());

        assertTrue(dnsperf.waitFor(LOAD_SECONDS + 40, TimeUnit.SECONDS) && smtp.waitFor(LOAD_SECONDS + 70, TimeUnit.SECONDS), "the loads end");
        Sipp.Result sip = registers.get(LOAD_SECONDS + 60, TimeUnit.SECONDS);
        assertTrue(perfdhcp == null || perfdhcp.waitFor(LOAD_SECONDS + 40, TimeUnit.SECONDS), "perfdhcp ends");
        String dhcp = perfdhcp == null ? "" : Files.readString(dir.resolve("perfdhcp.log"), StandardCharsets.UTF_8);
        Map<String, Set<String>> clientsByAddress = DhcpHotPatchTest.clientsByAddress(home);
        long leasedTwice = clientsByAddress.values().stream().filter(clients -> clients.size() > 1).count();
        long dhcpOffered = perfdhcp == null ? 0 : DhcpHotPatchTest.statistic(dhcp, "DISCOVER-OFFER", "sent packets");
        long dhcpAcked = perfdhcp == null ? 0 : DhcpHotPatchTest.statistic(dhcp, "REQUEST-ACK", "received packets");
        long dhcpDrops = perfdhcp == null ? 0
                : DhcpHotPatchTest.statistic(dhcp, "DISCOVER-OFFER", "drops") + DhcpHotPatchTest.statistic(dhcp, "REQUEST-ACK", "drops");
        String dns = Files.readString(dir.resolve("dnsperf.log"), StandardCharsets.UTF_8);
        String smtpOutput = Files.readString(dir.resolve("smtp-source.log"), StandardCharsets.UTF_8);
        Poll.until(Duration.ofSeconds(30), "every message in the mailbox", () -> office.messages("anna").size() >= MESSAGES);
        Set<String> contents = new HashSet<>();
        for (Path p : office.messages("anna")) contents.add(Files.readString(p, StandardCharsets.ISO_8859_1));
        Thread.sleep(3000);
        List<String> threadsAfter = ownThreads(switchboard, dir.resolve("threads-after.txt"));

        String figures = String.join("\n",
                "service  sent   answered  lost  errors  worst latency",
                String.format("dns      %-6d %-9d %-5d %-7d %s s", number(dns, "Queries sent:"), number(dns, "Queries completed:"),
                        number(dns, "Queries lost:"), number(dns, "Queries sent:") - count(dns, "NOERROR"), text(dns, "max ([0-9.]+)\\)")),
                String.format("smtp     %-6d %-9d %-5d %-7d n/a (smtp-source reports none)", MESSAGES, office.messages("anna").size(),
                        MESSAGES - contents.size(), smtpOutput.lines().filter(l -> !l.isBlank()).count()),
                String.format("sip      %-6d %-9d %-5d %-7d n/a (retransmissions %d)", REGISTERS_PER_SECOND * LOAD_SECONDS,
                        sipCounter(sip.output(), "Successful call"), 0, sipCounter(sip.output(), "Failed call"), retransmissions(sip.output())),
                perfdhcp == null ? "dhcp     skipped (needs root, ip, perfdhcp and socat)"
                        : String.format("dhcp     %-6d %-9d %-5d %-7d %s ms (REQUEST-ACK); %d addresses, leased to two clients: %d",
                        dhcpOffered, dhcpAcked, dhcpOffered - dhcpAcked, dhcpDrops,
                        text(dhcp.substring(Math.max(0, dhcp.indexOf("Statistics for: REQUEST-ACK"))), "max delay: ([0-9.]+)"),
                        clientsByAddress.size(), leasedTwice),
                "Switchboard threads before " + threadsBefore.size() + ", after " + threadsAfter.size() + "; patches during the load: "
                        + patchedDuringLoad,
                "verdicts: " + String.join("; ", verdicts));
        System.out.println(figures);
        Files.writeString(dir.resolve("figures.txt"), figures + "\n", StandardCharsets.UTF_8);

        assertTrue(patchedDuringLoad, "the patches of the loaded bundles landed while the loads ran:\n" + figures);
        assertEquals(0, number(dns, "Queries lost:"), "no DNS query lost:\n" + dns);
        assertEquals(number(dns, "Queries sent:"), count(dns, "NOERROR"), "every DNS answer NOERROR:\n" + dns);
        assertEquals(0, smtp.exitValue(), smtpOutput);
        assertTrue(smtpOutput.isBlank(), "no SMTP connection refused or broken: " + smtpOutput);
        assertEquals(MESSAGES, office.messages("anna").size(), "every message stored");
        assertEquals(MESSAGES, contents.size(), "no message stored twice");
        assertEquals(0, sip.exit(), "every REGISTER answered 200:\n" + sip.output());
        assertEquals(REGISTERS_PER_SECOND * LOAD_SECONDS, sipCounter(sip.output(), "Successful call"), sip.output());
        assertEquals(threadsBefore, threadsAfter, "no Switchboard thread left behind by the updates");

        Assumptions.assumeTrue(perfdhcp != null, "DHCP part skipped (DNS, mail and SIP passed): needs root, ip, perfdhcp (kea-admin) and socat");
        assertTrue(dhcpOffered >= DHCP_RATE * LOAD_SECONDS * 9 / 10, "perfdhcp offered the load: " + dhcp);
        assertEquals(0, DhcpHotPatchTest.statistic(dhcp, "DISCOVER-OFFER", "drops"), dhcp);
        assertEquals(0, DhcpHotPatchTest.statistic(dhcp, "REQUEST-ACK", "drops"), dhcp);
        assertEquals(dhcpOffered, dhcpAcked, "every DORA completed: " + dhcp);
        assertEquals(DHCP_CLIENTS, clientsByAddress.size(), "one address per simulated client");
        assertEquals(0, leasedTwice, "no address leased to two clients: " + clientsByAddress);
    }

    /**
     * perfdhcp on the LAN's client side at a bounded rate, as in {@link DhcpHotPatchTest} (single-threaded; an
     * exchange counts as lost when unanswered for 5 s), once the DHCP server serves.
     */
    private Process startPerfdhcp(SwitchboardHome home, Path log) {
        Poll.until(VERDICT, "the DHCP server to serve", () -> DhcpHotPatchTest.servingLines(home) > 0);
        lan.inClient("ip", "addr", "add", "192.168.2.251/24", "dev", lan.clientInterface);
        return lan.startInClient(log, "timeout", String.valueOf(LOAD_SECONDS + 30), "perfdhcp", "-4", "-g", "single", "-l", lan.clientInterface,
                "-r", String.valueOf(DHCP_RATE), "-R", String.valueOf(DHCP_CLIENTS), "-n", String.valueOf(DHCP_RATE * LOAD_SECONDS),
                "-p", String.valueOf(LOAD_SECONDS), "-d", "5", "-W", "5000000");
    }

    private static PatchesConsole.Entry patch(PatchesConsole console, PatchedJar jar, Path file) {
        int known = console.history().size();
        String message = console.submit("patch", jar.writeTo(file).toString());
        assertTrue(message.contains("is being applied"), message);
        return Poll.until(VERDICT, "the verdict on " + file.getFileName(), () -> {
            List<PatchesConsole.Entry> history = console.history();
            return history.size() > known ? Optional.of(history.get(0)) : Optional.empty();
        });
    }

    /** Starts a load generator next to Switchboard (through {@link #wrapper}). */
    private Process startLoad(Path log, String... command) throws IOException {
        List<String> all = new ArrayList<>(wrapper);
        all.addAll(List.of(command));
        return start(log, all.toArray(String[]::new));
    }

    private static Process start(Path log, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(new File("/dev/null")).start();
    }

    /**
     * The names of Switchboard's own threads (jcmd Thread.print), sorted; not the SMTP session pool, whose size
     * follows the load (its threads wait idle for the next connection).
     */
    private static List<String> ownThreads(RunningSwitchboard switchboard, Path dumpFile) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = start(dumpFile, jcmd, String.valueOf(switchboard.process().pid()), "Thread.print");
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jcmd Thread.print did not end within 30 s");
        }
        String dump = Files.readString(dumpFile, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("^\"(switchboard-[^\"]*)\"", Pattern.MULTILINE).matcher(dump);
        List<String> names = new ArrayList<>();
        while (m.find()) if (!m.group(1).endsWith("-session")) names.add(m.group(1));
        names.sort(null);
        return names;
    }

    private static long number(String text, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+(\\d+)").matcher(text);
        assertTrue(m.find(), "no '" + label + "' in\n" + text);
        return Long.parseLong(m.group(1));
    }

    private static long count(String dnsperf, String rcode) {
        Matcher m = Pattern.compile("Response codes:.*?" + rcode + " (\\d+)").matcher(dnsperf);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static String text(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    /** A cumulative counter of SIPp's statistics screen, e.g. "Successful call". */
    private static long sipCounter(String output, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)").matcher(output);
        long last = 0;
        while (m.find()) last = Long.parseLong(m.group(1));
        return last;
    }

    /** The retransmissions of SIPp's message table (sum of the REGISTER rows). */
    private static long retransmissions(String output) {
        Matcher m = Pattern.compile("REGISTER ---------->\\s+\\d+\\s+(\\d+)").matcher(output);
        long sum = 0;
        while (m.find()) sum += Long.parseLong(m.group(1));
        return sum;
    }
}
