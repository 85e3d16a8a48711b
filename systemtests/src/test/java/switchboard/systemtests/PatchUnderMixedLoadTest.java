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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DNS, mail and SIP patched in turn, and then a broken DNS patch rolled back, while dnsperf, smtp-source and
 * SIPp (REGISTER with digest) load DNS, SMTP and the registrar at a bounded rate: no DNS query lost, no SMTP
 * connection refused and every accepted message stored once, no REGISTER failed. The figures per service go
 * to the test's output and to {@code figures.txt} in its directory. Switchboard's own threads are the same
 * before and after (not counting the pools that grow with use: SMTP sessions, the health check executor's).
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PatchUnderMixedLoadTest {
    private static final int LOAD_SECONDS = 45;
    private static final int DNS_QPS = 300;
    private static final int SMTP_SESSIONS = 5;
    private static final int MESSAGES = SMTP_SESSIONS * LOAD_SECONDS;
    private static final int REGISTERS_PER_SECOND = 20;
    private static final String SIP_PASSWORD = "violet-harbour-42";
    /** The bundles under load; DHCP, firewall and WAN are patched under load by bench/patch/run.sh. */
    private static final List<String> CAPABILITIES = List.of("switchboard.dns", "switchboard.mail", "switchboard.sip");
    private static final Duration VERDICT = Duration.ofSeconds(60);

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void patchesAndARollbackUnderLoadLoseNothing() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dnsperf")), "needs dnsperf (.ci/install-test-tools)");
        MailHome office = new MailHome(switchboards.newHome(), "127.0.0.1", "");
        SwitchboardHome home = office.home;
        int dnsPort = FreePort.pick();
        home.writeConfig(SwitchboardHome.NETWORK_PID, "domain = " + MailHome.DOMAIN + "\n");
        home.writeConfig("switchboard.dns", "port = " + dnsPort + "\nforwarders.enabled = false\n");
        home.writeConfig("switchboard.patch", "health.window.seconds = 10\n");
        home.configureSip("min.expires = 1\ndigest.algorithms = MD5, SHA-256\n");
        RunningSwitchboard switchboard = switchboards.start(home);
        MailPorts.awaitOpen("127.0.0.1", office.smtp);
        Poll.until(VERDICT, "the Phones page", () -> switchboard.http().get(PhonesPage.PATH, RunningSwitchboard.ADMIN,
                switchboard.initialAdminPassword()).statusCode() == 200);
        new PhonesPage(switchboard).addExtension("alice", "201", SIP_PASSWORD);
        List<String> threadsBefore = ownThreads(switchboard, switchboards.testDirectory().resolve("threads-before.txt"));

        Path dir = switchboards.testDirectory();
        Path queries = dir.resolve("queries.txt");
        Files.writeString(queries, "lan.office.lan A\nns.office.lan A\nsmtp.office.lan A\noffice.lan MX\n");
        Process dnsperf = start(dir.resolve("dnsperf.log"), "timeout", String.valueOf(LOAD_SECONDS + 30), "dnsperf", "-s", "127.0.0.1",
                "-p", String.valueOf(dnsPort), "-d", queries.toString(), "-l", String.valueOf(LOAD_SECONDS), "-Q", String.valueOf(DNS_QPS),
                "-t", "5");
        Process smtp = start(dir.resolve("smtp-source.log"), "timeout", String.valueOf(LOAD_SECONDS + 60), "smtp-source",
                "-s", String.valueOf(SMTP_SESSIONS), "-w", "1", "-m", String.valueOf(MESSAGES), "-l", "2048", "-f", "load@sender.example",
                "-t", "anna@office.lan", "127.0.0.1:" + office.smtp);
        Sipp sipp = new Sipp(dir, home.sipPort());
        int phonePort = FreePort.pickUdp();
        CompletableFuture<Sipp.Result> registers = CompletableFuture.supplyAsync(() -> sipp.run(new Sipp.Run("alice", SIP_PASSWORD,
                Sipp.contact("alice", phonePort), 600, 200, REGISTERS_PER_SECOND * LOAD_SECONDS, REGISTERS_PER_SECOND), phonePort));

        PatchesConsole console = new PatchesConsole(switchboard, switchboard.initialAdminPassword());
        List<String> verdicts = new ArrayList<>();
        Thread.sleep(3000);
        for (String bsn : CAPABILITIES) {
            PatchesConsole.Entry e = patch(console, PatchedJar.from(home.deployedBundle(bsn)).version("0.9.1"), dir.resolve(bsn + "-0.9.1.jar"));
            verdicts.add(e.toString());
            assertEquals(List.of(bsn, "0.9.1", "ACCEPTED"), List.of(e.bundle(), e.to(), e.result()), e.toString());
        }
        boolean patchedDuringLoad = dnsperf.isAlive() && smtp.isAlive() && !registers.isDone();
        PatchesConsole.Entry broken = patch(console, PatchedJar.from(home.deployedBundle("switchboard.dns")).version("0.9.2")
                .without("switchboard/dns/internal/DnsHealthCheck.class"), dir.resolve("switchboard.dns-0.9.2-broken.jar"));
        verdicts.add(broken.toString());
        assertEquals(List.of("0.9.2", "0.9.1", "ROLLED_BACK"), List.of(broken.from(), broken.to(), broken.result()), broken.toString());

        assertTrue(dnsperf.waitFor(LOAD_SECONDS + 40, TimeUnit.SECONDS) && smtp.waitFor(LOAD_SECONDS + 70, TimeUnit.SECONDS), "the loads end");
        Sipp.Result sip = registers.get(LOAD_SECONDS + 60, TimeUnit.SECONDS);
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
