package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.systemtests.OfficeNetwork.LAN_HOST;
import static switchboard.systemtests.OfficeNetwork.ROUTER_LAN;
import static switchboard.systemtests.OfficeNetwork.ROUTER_WAN;
import static switchboard.systemtests.OfficeNetwork.WAN_HOST;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The security audit of Switchboard as the office router between a LAN host and a WAN host, with its firewall
 * applied by nft: a carelessly configured box (mode nat, the console moved to a port the firewall does not know,
 * SIP and an open resolver on all addresses, an exposure nobody serves, POP3S served and exposed on its standard
 * port, mail relayed for the WAN, submission forwarded to a LAN mail server that offers AUTH in clear) is found
 * by the checks and by the probe from the WAN side, and what the checks say is confirmed from the WAN host; the
 * fixed box (POP3S moved to a non-standard port, no relay, no forward) passes. On it, a second DHCP server on the
 * LAN is reported while it answers and no longer once it has been quiet for the hold time. Then a burst of wrong
 * SMTP passwords from the LAN host gets it banned by the firewall. Needs root; skipped otherwise.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AuditInNamespacesTest {
    private static final int CARELESS_CONSOLE = 8081;
    private static final int CONSOLE = 8080;
    private static final int SMTP = 2525;
    private static final int SUBMISSION = 2587;
    private static final int UNSERVED = 2600;
    private static final int POP3S = 2995;
    /** The LAN mail server's submission port, forwarded from the same port on the WAN in the careless box. */
    private static final int LAN_SUBMISSION = 587;
    private static final int FOREIGN_DHCP_HOLD_SECONDS = 15;
    private static final String ROGUE_DHCP = "198.18.1.200";
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);
    /** The probe's tag, with time for its connection attempts (the executor's default is 2 s). */
    private static final String PROBE = "security-probe&timeout=30000";
    private static OfficeNetwork net;

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @BeforeAll
    static void createNetwork() {
        net = OfficeNetwork.createOrSkip();
    }

    @AfterAll
    static void deleteNetwork() {
        if (net != null) net.close();
    }

    @Test
    void aCarelessRouterIsFoundFromInsideAndOutsideAndTheFixedOnePasses() throws InterruptedException {
        SwitchboardHome home = switchboards.newHome();
        int dnsPort = FreePort.pick();
        configure(home, CARELESS_CONSOLE, "nat", "0.0.0.0", 995, true);
        home.writeConfig("switchboard.dns", "address = 0.0.0.0\nport = " + dnsPort + "\ninternal.networks = 127.0.0.0/8, 0.0.0.0/0\n");
        home.writeConfig("switchboard.firewall.expose-unserved", "ports = " + UNSERVED + "/tcp\n");
        home.writeConfig("switchboard.firewall.expose-pop3s", "ports = 995/tcp\n");
        home.writeConfig("switchboard.firewall.forward-mailhost", "ports = " + LAN_SUBMISSION + "/tcp\nto = " + LAN_HOST + ":" + LAN_SUBMISSION + "\n");
        lanMailServerOfferingAuthInClear();
        SwitchboardProcess careless = start(home, "nat");
        SecurityAudit audit = auditFromTheLan(CARELESS_CONSOLE);

        audit.await("Security: console reachable from the WAN", "CRITICAL", "listens on *:" + CARELESS_CONSOLE + "/tcp and no firewall rule in force drops it on the WAN");
        assertEquals(401, net.httpStatus(net.wan, "http://" + ROUTER_WAN + ":" + CARELESS_CONSOLE + "/system/console"), "and indeed the WAN host reaches it");
        audit.await("Security: network mode and ping on the WAN", "security", "WARN",
                c -> c.says("mode nat while the WAN address " + ROUTER_WAN + " is up") && c.says("answers ping"));
        assertTrue(net.pingAnswered(net.wan, ROUTER_WAN));
        audit.await("Security: DNS recursion for the WAN", "CRITICAL", "an open resolver");
        audit.await("Security: SIP rate limiting", "WARN", "without a flood limit");
        audit.await("Security: WAN services", "security", "WARN", c -> c.says("exposes " + UNSERVED + "/tcp but nothing listens")
                && c.says("switchboard.firewall.expose-pop3s.cfg exposes POP3S on its standard port 995/tcp") && !c.says("exposes 995/tcp but nothing listens"));
        audit.await("Security: probe from the WAN side", PROBE, "CRITICAL",
                c -> c.says("the console port " + CARELESS_CONSOLE + " answers on " + ROUTER_WAN + " from the WAN side")
                        && c.says(ROUTER_WAN + " answers ping from the WAN side") && c.says("TCP " + UNSERVED + " is exposed but does not answer"));
        audit.await("Mail relay", "WARN", "an open relay");
        assertTrue(relayFromTheWan().succeeded(), "and indeed the WAN host may relay");
        audit.await("Security: mail AUTH without TLS", "WARN", "the mail server behind switchboard.firewall.forward-mailhost.cfg (WAN port "
                + LAN_SUBMISSION + "/tcp to " + LAN_HOST + ":" + LAN_SUBMISSION + ") offers AUTH before STARTTLS");
        String ehlo = net.run(net.wan, "swaks", "--server", ROUTER_WAN + ":" + LAN_SUBMISSION, "--quit-after", "EHLO", "--timeout", "5").output();
        assertTrue(ehlo.contains("250-AUTH LOGIN PLAIN"), "and indeed the WAN host is offered AUTH in clear: " + ehlo);

        careless.stop();
        configure(home, CONSOLE, "nat-dmz", "127.0.0.1", POP3S, false);
        home.writeConfig("switchboard.dhcp", "foreign.server.hold = " + FOREIGN_DHCP_HOLD_SECONDS + "\n");
        assertTrue(home.root().resolve("etc/switchboard.firewall.forward-mailhost.cfg").toFile().delete());
        home.writeConfig("switchboard.dns", "port = " + dnsPort + "\n");
        assertTrue(home.root().resolve("etc/switchboard.firewall.expose-unserved.cfg").toFile().delete());
        home.writeConfig("switchboard.firewall.expose-pop3s", "ports = " + POP3S + "/tcp\n");
        start(home, "nat-dmz");
        audit = auditFromTheLan(CONSOLE);

        audit.await("Security: console reachable from the WAN", "OK", "the firewall in force drops port " + CONSOLE + " from the WAN");
        assertEquals(0, net.httpStatus(net.wan, "http://" + ROUTER_WAN + ":" + CONSOLE + "/system/console"));
        audit.await("Security: network mode and ping on the WAN", "OK");
        audit.await("Security: DNS recursion for the WAN", "OK");
        audit.await("Security: SIP rate limiting", "OK");
        audit.await("Security: WAN services", "OK");
        audit.await("Security: probe from the WAN side", PROBE, "OK", c -> c.says("answering: " + SMTP + ", " + POP3S + ";"));
        audit.await("Mail relay", "OK", "relayed for LAN, loopback and authenticated users only");
        OfficeNetwork.Outcome relay = relayFromTheWan();
        assertTrue(!relay.succeeded() && relay.output().contains("Relay access denied"), relay.output());
        audit.await("Security: mail AUTH without TLS", "security", "OK", c -> !c.says("mail server behind"));

        aSecondDhcpServerIsReportedWhileItAnswers(audit);
        aBurstOfWrongPasswordsFromTheLanHostGetsItBanned(home.root());
    }

    /**
     * A dnsmasq on another LAN host answers a DHCP client on a third one faster than Switchboard (which probes an
     * address before offering it): the client takes its offer and names it in its request, which Switchboard
     * hears. Once that server is gone and the hold time has passed without a sighting, the warning ends.
     */
    private static void aSecondDhcpServerIsReportedWhileItAnswers(SecurityAudit audit) throws InterruptedException {
        audit.await("Switchboard DHCP server", "OK");
        String rogue = net.addLanHost("rogue", Optional.of(ROGUE_DHCP + "/24"));
        String client = net.addLanHost("dhcpc", Optional.empty());
        Process dnsmasq = net.start(rogue, "dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--port=0",
                "--no-ping", "--interface=rogue0", "--bind-interfaces", "--leasefile-ro", "--pid-file=", "--log-facility=-",
                "--dhcp-range=198.18.1.210,198.18.1.220,255.255.255.0,2m");
        net.awaitListening(rogue, "udp", 67);
        Poll.until(SecurityAudit.WITHIN, "the other DHCP server reported", () -> {
            dhcpLease(client); // until the client has taken the other server's offer over Switchboard's
            return audit.check("Switchboard DHCP server", "security").filter(c -> c.status().equals("WARN")
                    && c.says("another DHCP server (" + ROGUE_DHCP + ") answers on the LAN") && c.says("ends " + FOREIGN_DHCP_HOLD_SECONDS + " s after"));
        });

        dnsmasq.destroy();
        assertTrue(dnsmasq.waitFor(5, TimeUnit.SECONDS));
        assertTrue(dhcpLease(client).contains("obtained from " + ROUTER_LAN), "only Switchboard answers now");
        audit.await("Switchboard DHCP server", "OK");
    }

    /** One DHCP exchange of busybox udhcpc that ends once it has a lease (configuring nothing); its output. */
    private static String dhcpLease(String ns) {
        return net.run(ns, "busybox", "udhcpc", "-f", "-q", "-n", "-i", "dhcpc0", "-t", "3", "-T", "2", "-s", "/bin/true").output();
    }

    /** An office mail server on the LAN host that offers AUTH before STARTTLS (it has no TLS at all) and accepts no login. */
    private static void lanMailServerOfferingAuthInClear() {
        net.start(net.lan, "/usr/bin/python3", "-c", String.join("\n",
                "import time",
                "from aiosmtpd.controller import Controller",
                "from aiosmtpd.smtp import AuthResult",
                "class Refuse:",
                "    async def handle_DATA(self, server, session, envelope): return '554 not taken'",
                "c = Controller(Refuse(), hostname='" + LAN_HOST + "', port=" + LAN_SUBMISSION
                        + ", authenticator=lambda *a: AuthResult(success=False), auth_require_tls=False)",
                "c.start()",
                "time.sleep(300)"));
        net.awaitListening(net.lan, "tcp", LAN_SUBMISSION);
    }

    /** The WAN host hands the router mail for another domain, up to the recipient. */
    private static OfficeNetwork.Outcome relayFromTheWan() {
        return net.run(net.wan, "swaks", "--server", ROUTER_WAN + ":" + SMTP, "--helo", "wan.example", "--from", "someone@wan.example",
                "--to", "anyone@elsewhere.example", "--quit-after", "RCPT", "--timeout", "5");
    }

    /** Seven failed logins, paced past the throttle's growing pauses, ban the source in the kernel's ban set. */
    private static void aBurstOfWrongPasswordsFromTheLanHostGetsItBanned(Path home) throws InterruptedException {
        for (int i = 0; i < 5; i++) assertFalse(smtpAuthFromTheLan("wrong-guess-" + i));
        TimeUnit.MILLISECONDS.sleep(1_200);
        assertFalse(smtpAuthFromTheLan("wrong-guess-5"));
        TimeUnit.MILLISECONDS.sleep(2_200);
        assertFalse(smtpAuthFromTheLan("wrong-guess-6"));

        Poll.until(APPLIED_WITHIN, "the LAN host in the ban set",
                () -> net.run(net.router, "nft", "list", "set", "inet", "switchboard", "banned").output().contains(LAN_HOST));
        assertEquals(Optional.empty(), net.tcpAnswer(net.lan, ROUTER_LAN, SMTP), "the banned host gets no answer");
        assertTrue(TextFile.read(home.resolve("data/firewall/bans")).startsWith(LAN_HOST + " "));
        String log = TextFile.read(home.resolve("log/audit.log"));
        assertEquals(7, Pattern.compile("\tadmin\t" + LAN_HOST + "\tlogin failed\n").matcher(log).results().count(), log);
    }

    private static boolean smtpAuthFromTheLan(String password) {
        List<String> swaks = new ArrayList<>(List.of("swaks", "--server", ROUTER_LAN + ":" + SUBMISSION, "--tls", "--helo", "lan.example",
                "--timeout", "10", "--quit-after", "AUTH", "--auth", "PLAIN", "--auth-user", "admin", "--auth-password", password));
        return net.run(net.lan, swaks.toArray(String[]::new)).succeeded();
    }

    /** The health checks as a monitoring host on the LAN reads them, with curl. */
    private static SecurityAudit auditFromTheLan(int consolePort) {
        return new SecurityAudit(path -> {
            OfficeNetwork.Outcome o = net.run(net.lan, "curl", "-s", "--max-time", "8", "-w", "\n%{http_code}", "http://" + ROUTER_LAN + ":" + consolePort + path);
            int status = o.output().lastIndexOf('\n');
            return o.output().endsWith("\n200") || o.output().endsWith("\n503") ? Optional.of(o.output().substring(0, status)) : Optional.empty();
        });
    }

    /**
     * The router's WAN and LAN, the console on all addresses at {@code consolePort}, mail on all (SMTP exposed, POP3S on {@code pop3s},
     * relaying for the WAN if so), SIP on {@code sipAddress}.
     */
    private static void configure(SwitchboardHome home, int consolePort, String mode, String sipAddress, int pop3s, boolean relayFromWan) {
        home.writeConfig(SwitchboardHome.HTTP_PID, "org.apache.felix.http.host = 0.0.0.0\norg.osgi.service.http.port = " + consolePort + "\n");
        home.writeConfig("switchboard.host", "apply = true\n");
        home.writeConfig(SwitchboardHome.NETWORK_PID, "lan.interface = " + OfficeNetwork.LAN_INTERFACE + "\nlan.address = " + ROUTER_LAN
                + "/24\nwan.address = " + ROUTER_WAN + "/24\nwan.gateway = " + WAN_HOST + "\nmode = " + mode + "\n");
        home.writeConfig("switchboard.wan", "interface = " + OfficeNetwork.ROUTER_WAN_INTERFACE + "\n");
        home.writeConfig("switchboard.firewall.expose-smtp", "ports = " + SMTP + "/tcp\n");
        home.writeConfig("switchboard.mail", "address = 0.0.0.0\nsmtp.port = " + SMTP + "\nsubmission.port = " + SUBMISSION + "\nsmtps.port = 0\npop3.port = 0\npop3s.port = " + pop3s
                + "\nrelay.wan = " + relayFromWan + "\n");
        home.configureSip("address = " + sipAddress + "\n");
    }

    private SwitchboardProcess start(SwitchboardHome home, String mode) {
        SwitchboardProcess process = switchboards.launch(List.of("ip", "netns", "exec", net.router), home.root());
        Poll.until(APPLIED_WITHIN, "switchboard to apply mode " + mode, () -> {
            if (!process.isAlive()) throw new AssertionError("switchboard ended:\n" + process.stdout() + process.stderr());
            return TextFile.read(home.root().resolve("data/firewall/ruleset.nft")).startsWith("# Switchboard firewall, mode " + mode + ".");
        });
        net.awaitListening(net.router, "tcp", SMTP);
        return process;
    }
}
