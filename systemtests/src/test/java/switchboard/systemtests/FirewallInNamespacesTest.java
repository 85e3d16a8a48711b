package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static switchboard.systemtests.OfficeNetwork.LAN_HOST;
import static switchboard.systemtests.OfficeNetwork.ROUTER_LAN;
import static switchboard.systemtests.OfficeNetwork.ROUTER_WAN;
import static switchboard.systemtests.OfficeNetwork.WAN_HOST;

import java.util.List;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Switchboard as the office router in a network namespace between a LAN host and a WAN host, applying its
 * rules with nft for real. Each test starts a fresh server in one mode and proves the mode from both sides
 * with real traffic: TCP and UDP (socat), ping, HTTP (curl). The box's own WAN services are stood in for by
 * socat listeners in the router namespace: 2525 is exposed, 2587 is not. Needs root; skipped otherwise.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FirewallInNamespacesTest {
    private static final int WHOAMI_TCP = 7000;
    private static final int WHOAMI_UDP = 7001;
    private static final int ECHO = 7002;
    private static final int LAN_SERVICE = 2222;
    private static final int FORWARDED = 8022;
    private static final int EXPOSED = 2525;
    private static final int NOT_EXPOSED = 2587;
    private static final int CONSOLE = 8080;
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);
    private static OfficeNetwork net;

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @BeforeAll
    static void createNetwork() {
        Optional<String> unavailable = OfficeNetwork.unavailable();
        assumeTrue(unavailable.isEmpty(), () -> "namespace tests skipped: " + unavailable.orElseThrow());
        net = OfficeNetwork.create();
        net.whoAmIServer(net.wan, WHOAMI_TCP);
        net.udpWhoAmIServer(net.wan, WHOAMI_UDP);
        net.start(net.wan, "socat", "TCP-LISTEN:" + ECHO + ",reuseaddr,fork", "EXEC:cat");
        net.awaitListening(net.wan, "tcp", ECHO);
        net.whoAmIServer(net.lan, LAN_SERVICE);
        net.whoAmIServer(net.router, EXPOSED);
        net.whoAmIServer(net.router, NOT_EXPOSED);
    }

    @AfterAll
    static void deleteNetwork() {
        if (net != null) net.close();
    }

    @Test
    void natDmzMasqueradesForwardsAndShowsTheWanOnlyTheExposedPort() {
        Path home = startRouter("nat-dmz");

        assertLanReachesWanAs(ROUTER_WAN);
        assertEquals(Optional.empty(), net.tcpAnswer(net.wan, LAN_HOST, LAN_SERVICE), "WAN to LAN refused");
        assertEquals(Optional.of(WAN_HOST), net.tcpAnswer(net.wan, ROUTER_WAN, FORWARDED).map(FirewallInNamespacesTest::address),
                "the forward reaches the LAN host, which sees the WAN host's address");
        assertFalse(net.pingAnswered(net.wan, ROUTER_WAN), "stealth: no answer to ping");
        assertTrue(net.tcpAnswer(net.wan, ROUTER_WAN, EXPOSED).isPresent(), "the exposed port answers");
        assertEquals(Optional.empty(), net.tcpAnswer(net.wan, ROUTER_WAN, NOT_EXPOSED), "an unexposed port stays silent");
        assertConsoleOnlyOnTheLan();
        String listing = net.run(net.router, "nft", "list", "table", "inet", "switchboard").output();
        assertTrue(Pattern.compile("counter packets [1-9]\\d* bytes \\d+ drop comment \"stealth\"").matcher(listing).find(),
                "the silent drops were counted:\n" + listing);
        assertTrue(net.run(net.router, "sysctl", "-n", "net.ipv4.ip_forward").output().strip().equals("1"));
        assertTrue(TextFile.read(home.resolve("data/firewall/ruleset.nft")).contains("dnat to 198.18.1.10:2222"));
    }

    @Test
    void natAnswersPingAndServesTheBoxsOwnServicesButNotTheConsole() {
        startRouter("nat");

        assertLanReachesWanAs(ROUTER_WAN);
        assertEquals(Optional.empty(), net.tcpAnswer(net.wan, LAN_HOST, LAN_SERVICE), "WAN to LAN refused");
        assertEquals(Optional.of(WAN_HOST), net.tcpAnswer(net.wan, ROUTER_WAN, FORWARDED).map(FirewallInNamespacesTest::address));
        assertTrue(net.pingAnswered(net.wan, ROUTER_WAN), "ping answered in nat mode");
        assertTrue(net.tcpAnswer(net.wan, ROUTER_WAN, NOT_EXPOSED).isPresent(), "the box's own services answer without exposure");
        assertConsoleOnlyOnTheLan();
    }

    @Test
    void routerForwardsBothWaysWithoutNat() {
        startRouter("router");

        assertLanReachesWanAs(LAN_HOST);
        assertEquals(Optional.of(WAN_HOST), net.tcpAnswer(net.wan, LAN_HOST, LAN_SERVICE).map(FirewallInNamespacesTest::address),
                "no filtering: the WAN host reaches the LAN host directly");
        assertConsoleOnlyOnTheLan();
    }

    @Test
    void lanOnlyForwardsNothing() {
        startRouter("lan-only");

        assertEquals(Optional.empty(), net.tcpAnswer(net.lan, WAN_HOST, WHOAMI_TCP), "no forwarding");
        assertFalse(net.pingAnswered(net.lan, WAN_HOST));
        assertEquals("0", net.run(net.router, "sysctl", "-n", "net.ipv4.ip_forward").output().strip());
        assertEquals(401, net.httpStatus(net.lan, "http://" + ROUTER_LAN + ":" + CONSOLE + "/system/console"), "a LAN host");
        assertEquals(0, net.httpStatus(net.wan, "http://" + ROUTER_WAN + ":" + CONSOLE + "/system/console"));
    }

    @Test
    void aModeChangeFromTheConsoleIsUndoneUnlessConfirmed() {
        Path home = startRouter("nat-dmz");
        assertFalse(net.pingAnswered(net.wan, ROUTER_WAN));

        String answer = postToFirewallPage(home, "action=mode", "mode=nat");

        assertTrue(answer.contains("Confirm within 10 s"), answer);
        awaitApplied(home, "nat");
        assertTrue(net.pingAnswered(net.wan, ROUTER_WAN), "the unconfirmed nat mode is in force");
        Instant changed = Instant.now();
        awaitApplied(home, "nat-dmz");
        assertTrue(Duration.between(changed, Instant.now()).toSeconds() >= 5, "rolled back at the end of the window, not at once");
        assertFalse(net.pingAnswered(net.wan, ROUTER_WAN), "the previous stealth rules are back");
        assertTrue(TextFile.read(home.resolve("etc/switchboard.network.cfg")).contains("nat-dmz"), "and so is the configuration");
    }

    @Test
    @Disabled("intermittent: the console refuses the generated admin password from the LAN host in some runs "
            + "(failed logins, then throttling, in log/switchboard.log); being diagnosed; the ban set itself is covered by FirewallShellIT")
    void aBanFromTheConsoleSilencesAnAddressAtOnceUntilItIsLifted() {
        Path home = startRouter("nat-dmz");
        assertTrue(net.tcpAnswer(net.wan, ROUTER_WAN, EXPOSED).isPresent());

        assertTrue(postToFirewallPage(home, "action=ban", "address=" + WAN_HOST, "minutes=5").contains("Banned."));

        assertEquals(Optional.empty(), net.tcpAnswer(net.wan, ROUTER_WAN, EXPOSED), "the banned host gets no answer");
        assertTrue(net.run(net.router, "nft", "list", "set", "inet", "switchboard", "banned").output().contains(WAN_HOST + " timeout 5m"));
        assertTrue(TextFile.read(home.resolve("data/firewall/bans")).startsWith(WAN_HOST + " "), "the ban is recorded");

        assertTrue(postToFirewallPage(home, "action=unban", "address=" + WAN_HOST).contains("Ban lifted."));

        assertTrue(net.tcpAnswer(net.wan, ROUTER_WAN, EXPOSED).isPresent(), "answered again");
        assertEquals("", TextFile.read(home.resolve("data/firewall/bans")));
    }

    @Test
    void newConnectionsToAnExposedPortBeyondTheFloodLimitAreDropped() {
        startRouter("nat-dmz", "flood.rate = 1\nflood.burst = 3\n");
        int attempts = 10;

        int answered = net.parallelTcpConnects(net.wan, ROUTER_WAN, EXPOSED, attempts);

        assertTrue(answered >= 3, "the burst is let through: " + answered + " of " + attempts);
        assertTrue(answered < attempts, "connections beyond the limit are dropped: " + answered + " of " + attempts);
        String listing = net.run(net.router, "nft", "list", "table", "inet", "switchboard").output();
        assertTrue(Pattern.compile("counter packets [1-9]\\d* bytes \\d+ drop comment \"flood smtp\"").matcher(listing).find(), listing);
        assertTrue(net.tcpAnswer(net.lan, ROUTER_LAN, EXPOSED).isPresent(), "the LAN side is not limited");
    }

    @Test
    void updatingTheFirewallBundleLeavesTheRulesAndAnOpenConnectionAlone() throws IOException {
        Path home = startRouter("nat-dmz");
        Process connection = net.start(net.lan, "socat", "-", "TCP:" + WAN_HOST + ":" + ECHO);
        BufferedReader replies = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
        OutputStream requests = connection.getOutputStream();
        assertEquals("before", echo(requests, replies, "before"));
        String tableBefore = tableHandle();

        SwitchboardHome.redeploy(home, "switchboard.firewall");

        Poll.until(APPLIED_WITHIN, "the updated firewall to find its rules in force",
                () -> TextFile.read(home.resolve("log/switchboard.log")).contains("the ruleset in force is current"));
        assertEquals("after", echo(requests, replies, "after"), "the connection across the router survived");
        assertEquals(tableBefore, tableHandle(), "the kernel's table is the same one, not re-created");
        assertTrue(net.tcpAnswer(net.wan, ROUTER_WAN, EXPOSED).isPresent());
    }

    @Test
    void theStaticWanAddressAndDefaultRouteAreSetAndNatFollowsANewAddress() {
        net.run(net.router, "ip", "addr", "flush", "dev", OfficeNetwork.ROUTER_WAN_INTERFACE);
        assertFalse(wanAddresses().contains(ROUTER_WAN), "the WAN side starts without an address");
        Path home = startRouter("nat-dmz");
        assertTrue(net.run(net.router, "ip", "-4", "route", "show", "default").output().contains("default via " + WAN_HOST + " dev veth-wan"));
        assertLanReachesWanAs(ROUTER_WAN);

        String moved = "198.19.0.3";
        SwitchboardHome.writeConfig(home, SwitchboardHome.NETWORK_PID, "lan.interface = " + OfficeNetwork.LAN_INTERFACE + "\nlan.address = "
                + ROUTER_LAN + "/24\nwan.address = " + moved + "/24\nwan.gateway = " + WAN_HOST + "\nmode = nat-dmz\n");

        Poll.until(APPLIED_WITHIN, "the new WAN address", () -> wanAddresses().contains(moved + "/24") && !wanAddresses().contains(ROUTER_WAN + "/"));
        assertEquals(Optional.of(moved), net.tcpAnswer(net.lan, WAN_HOST, WHOAMI_TCP).map(FirewallInNamespacesTest::address),
                "the WAN host sees the LAN behind the new address");
    }

    private static String wanAddresses() {
        return net.run(net.router, "ip", "-4", "-o", "addr", "show", "dev", OfficeNetwork.ROUTER_WAN_INTERFACE).output();
    }

    private static String echo(OutputStream requests, BufferedReader replies, String line) throws IOException {
        requests.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        requests.flush();
        return replies.readLine();
    }

    private static String tableHandle() {
        String listing = net.run(net.router, "nft", "-a", "list", "table", "inet", "switchboard").output();
        Matcher m = Pattern.compile("table inet switchboard \\{ # handle (\\d+)").matcher(listing);
        assertTrue(m.find(), listing);
        return m.group(1);
    }

    private Path startRouter(String mode) {
        return startRouter(mode, "");
    }

    /**
     * Starts Switchboard in the router namespace in {@code mode}, with SMTP stand-in 2525 exposed, 8022 forwarded
     * to the LAN host, a 10 s confirmation window and {@code firewallSettings}.
     */
    private Path startRouter(String mode, String firewallSettings) {
        SwitchboardHome home = switchboards.newHome();
        home.writeConfig(SwitchboardHome.HTTP_PID, "org.apache.felix.http.host = 0.0.0.0\norg.osgi.service.http.port = " + CONSOLE + "\n");
        home.writeConfig("switchboard.host", "apply = true\n");
        home.writeConfig(SwitchboardHome.NETWORK_PID, "lan.interface = " + OfficeNetwork.LAN_INTERFACE + "\nlan.address = " + ROUTER_LAN
                + "/24\nwan.address = " + ROUTER_WAN + "/24\nwan.gateway = " + WAN_HOST + "\nmode = " + mode + "\n");
        home.writeConfig("switchboard.firewall", "confirm.seconds = 10\n" + firewallSettings);
        home.writeConfig("switchboard.wan", "interface = " + OfficeNetwork.ROUTER_WAN_INTERFACE + "\n");
        home.writeConfig("switchboard.firewall.expose-smtp", "ports = " + EXPOSED + "/tcp\n");
        home.writeConfig("switchboard.firewall.forward-ssh", "ports = " + FORWARDED + "/tcp\nto = " + LAN_HOST + ":" + LAN_SERVICE + "\n");
        SwitchboardProcess process = switchboards.launch(List.of("ip", "netns", "exec", net.router), home.root());
        Poll.until(APPLIED_WITHIN, "switchboard to apply mode " + mode, () -> {
            if (!process.isAlive()) throw new AssertionError("switchboard ended:\n" + process.stdout() + process.stderr());
            return applied(home.root(), mode) && wanAddresses().contains(ROUTER_WAN + "/24");
        });
        return home.root();
    }

    /** POSTs the form fields ({@code name=value}) with the page's form token as admin from the LAN host; returns the page. */
    private static String postToFirewallPage(Path home, String... fields) {
        String password = TextFile.read(home.resolve("data/initial-admin-password")).strip();
        String page = "http://" + ROUTER_LAN + ":" + CONSOLE + "/system/console/firewall";
        Pattern tokenField = Pattern.compile("name='csrf' value='([0-9a-f]+)'");
        String token = Poll.until(APPLIED_WITHIN, "the firewall page with its form token", () -> tokenField.matcher(
                net.run(net.lan, "curl", "-s", "--max-time", "5", "-u", "admin:" + password, page).output()).results().findFirst().map(m -> m.group(1)));
        List<String> curl = new ArrayList<>(List.of("curl", "-s", "--max-time", "5", "-u", "admin:" + password, "-d", "csrf=" + token));
        for (String field : fields) curl.addAll(List.of("-d", field));
        curl.add(page);
        return net.run(net.lan, curl.toArray(String[]::new)).output();
    }

    private static void awaitApplied(Path home, String mode) {
        Poll.until(APPLIED_WITHIN, "mode " + mode + " applied", () -> applied(home, mode));
    }

    private static boolean applied(Path home, String mode) {
        String ruleset = TextFile.read(home.resolve("data/firewall/ruleset.nft"));
        boolean nat = mode.startsWith("nat");
        return ruleset.startsWith("# Switchboard firewall, mode " + mode + ".")
                && (!nat || ruleset.contains("expose smtp") && ruleset.contains("forward ssh"));
    }

    private static void assertLanReachesWanAs(String seenAs) {
        assertEquals(Optional.of(seenAs), net.tcpAnswer(net.lan, WAN_HOST, WHOAMI_TCP).map(FirewallInNamespacesTest::address), "LAN to WAN, TCP");
        assertEquals(Optional.of(seenAs), net.udpAnswer(net.lan, WAN_HOST, WHOAMI_UDP).map(FirewallInNamespacesTest::address), "LAN to WAN, UDP");
        assertTrue(net.pingAnswered(net.lan, WAN_HOST), "LAN to WAN, ping");
    }

    private static void assertConsoleOnlyOnTheLan() {
        assertEquals(401, net.httpStatus(net.lan, "http://" + ROUTER_LAN + ":" + CONSOLE + "/system/console"), "the console answers a LAN host");
        assertEquals(0, net.httpStatus(net.wan, "http://" + ROUTER_WAN + ":" + CONSOLE + "/system/console"), "and never the WAN");
    }

    /** socat's peer address, without a port if it printed one. */
    private static String address(String peer) {
        return peer.replaceFirst(":\\d+$", "");
    }
}
