package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static switchboard.systemtests.OfficeNetwork.LAN_HOST;
import static switchboard.systemtests.OfficeNetwork.ROUTER_LAN;
import static switchboard.systemtests.OfficeNetwork.ROUTER_WAN;
import static switchboard.systemtests.OfficeNetwork.WAN_HOST;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two offices joined over a simulated Internet. Office A is {@link OfficeNetwork}: Switchboard routes its LAN
 * (nat-dmz, applied for real) and runs the VPN. Office B is a plain WireGuard router ({@code wg}, kernel or
 * wireguard-go) with a LAN host behind it, reached through the WAN host, which also plays an admin's laptop
 * on the Internet. Proves the handshake, traffic between the two LANs without NAT, a phone at office B
 * registering with office A's registrar, the console through the tunnel only, a bundle update under a live
 * tunnel, and a removed peer losing access while the other keeps it.
 * Needs root, {@code wg}, and WireGuard in the kernel or {@code wireguard-go} with {@code /dev/net/tun}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class VpnInNamespacesTest {
    private static final String TUNNEL_SWITCHBOARD = "198.18.100.1";
    private static final String TUNNEL_SITE = "198.18.100.2";
    private static final String SITE_WAN = "198.19.1.2";
    private static final String SITE_LAN_HOST = "198.18.2.10";
    private static final int WG_PORT = 51820;
    private static final int CONSOLE = 8080;
    private static final int LAN_SERVICE = 2222;
    private static final int DNS = 1053;
    private static final String VPN_PAGE = "/system/console/switchboard-vpn";
    private static final String SITE_PHONE = "301";
    private static final String SITE_PHONE_SECRET = "amber-quay-7731";
    private static final int SITE_PHONE_PORT = 5060;
    private static final Duration WITHIN = Duration.ofSeconds(30);
    /**
     * wireguard-go's control socket is /var/run/wireguard/NAME.sock whatever the namespace, and {@code wg} finds
     * an interface by it: each WireGuard interface of a run, on this machine, needs a name of its own.
     */
    private static final String RUN = Long.toString(ProcessHandle.current().pid() % 100_000);
    private static final String WG_SWITCHBOARD = "sbwg" + RUN;
    private static final String WG_SITE = "sbws" + RUN;
    private static final String WG_LAPTOP = "sbwl" + RUN;
    private static OfficeNetwork net;
    private static String site;
    private static String siteLan;

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @BeforeAll
    static void createOffices() {
        Optional<String> unavailable = OfficeNetwork.unavailable().or(VpnInNamespacesTest::noWireGuard);
        assumeTrue(unavailable.isEmpty(), () -> "VPN namespace test skipped: " + unavailable.orElseThrow());
        net = OfficeNetwork.create();
        site = net.addNamespace("site");
        siteLan = net.addNamespace("slan");
        net.link(net.wan, "wan1", "198.19.1.1/24", site, "site-wan", SITE_WAN + "/24");
        net.link(site, "site-lan", "198.18.2.254/24", siteLan, "lan0", SITE_LAN_HOST + "/24");
        must(net.run(site, "ip", "route", "add", "default", "via", "198.19.1.1"));
        must(net.run(siteLan, "ip", "route", "add", "default", "via", "198.18.2.254"));
        must(net.run(net.wan, "sysctl", "-w", "net.ipv4.ip_forward=1"));
        must(net.run(site, "sysctl", "-w", "net.ipv4.ip_forward=1"));
        net.whoAmIServer(net.lan, LAN_SERVICE);
    }

    @AfterAll
    static void deleteOffices() {
        if (net != null) net.close();
    }

    private static Optional<String> noWireGuard() {
        if (!Files.isExecutable(Path.of("/usr/bin/wg"))) return Optional.of("wg is missing (bash .ci/install-test-tools)");
        boolean kernel = Files.isDirectory(Path.of("/sys/module/wireguard"));
        boolean userSpace = Files.isExecutable(Path.of("/usr/bin/wireguard-go")) && Files.exists(Path.of("/dev/net/tun"));
        return kernel || userSpace ? Optional.empty() : Optional.of("neither the wireguard kernel module nor wireguard-go with /dev/net/tun");
    }

    @Test
    void twoOfficesAndAnAdminLaptopShareTheTunnelAndARemovedPeerLosesIt() throws IOException {
        String siteKey = must(net.run(site, "wg", "genkey")).strip();
        String sitePublic = must(net.run(site, "sh", "-c", "echo " + siteKey + " | wg pubkey")).strip();
        SwitchboardHome home = startRouter(sitePublic);
        Path root = home.root();
        Poll.until(WITHIN, "the VPN interface in the router", () -> net.run(net.router, "ip", "link", "show", "dev", WG_SWITCHBOARD).succeeded());
        String switchboardPublic = must(net.run(net.router, "sh", "-c", "wg pubkey < " + root.resolve("data/vpn/private.key"))).strip();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("data/vpn/private.key"))));
        startSite(siteKey, switchboardPublic);

        Poll.until(WITHIN, "the site's handshake", () -> !must(net.run(site, "wg", "show", WG_SITE, "latest-handshakes")).matches("(?s).*\\t0\\s*"));
        assertTrue(net.pingAnswered(site, TUNNEL_SWITCHBOARD), "ping across the tunnel");
        assertEquals(Optional.of(SITE_LAN_HOST), net.tcpAnswer(siteLan, LAN_HOST, LAN_SERVICE).map(VpnInNamespacesTest::address),
                "a LAN host at site B reaches a LAN host at site A, which sees its own address (no NAT in the tunnel)");
        assertTrue(net.pingAnswered(net.lan, SITE_LAN_HOST), "and the other way round");
        for (String server : List.of(ROUTER_LAN, TUNNEL_SWITCHBOARD))
            assertEquals("NXDOMAIN", dnsStatus(siteLan, SITE_LAN_HOST, server),
                    "DNS treats the site's hosts as internal (they may ask for any name) and answers from the address asked, " + server);
        assertEquals("REFUSED", dnsStatus(net.router, ROUTER_WAN, ROUTER_WAN), "while an outside address may not");
        aPhoneAtTheSiteRegisters(root, home.sipPort());

        String clientConfig = addDeviceOnTheConsole(root, "laptop");
        assertTrue(clientConfig.contains("PublicKey = " + switchboardPublic) && clientConfig.contains("Endpoint = " + ROUTER_WAN + ":" + WG_PORT),
                clientConfig);
        String laptopPublic = must(net.run(net.wan, "sh", "-c", "echo " + privateKey(clientConfig) + " | wg pubkey")).strip();
        Poll.until(WITHIN, "the device saved into etc/", () -> etcMentions(root, laptopPublic));
        Poll.until(WITHIN, "the audit's warning about the laptop that never connected", () -> consolePage(root, ConsoleHttp.STATUS_PAGE)
                .contains("peer laptop has never made a handshake"));
        startLaptop(clientConfig);
        Poll.until(WITHIN, "the console through the tunnel", () -> consoleThroughTunnel() == 401);
        assertEquals("NXDOMAIN", dnsStatus(net.wan, laptopAddress(clientConfig), ROUTER_LAN), "the laptop asks the office DNS at its LAN address");
        assertEquals(0, net.httpStatus(net.wan, "http://" + ROUTER_WAN + ":" + CONSOLE + "/system/console"), "never from the WAN");
        String page = consolePage(root);
        assertTrue(Pattern.compile("<td>branch</td><td>site</td><td>" + Pattern.quote(SITE_WAN) + ":51820</td><td>\\d+ s ago</td>").matcher(page).find(),
                "the console page shows the site's handshake:\n" + page);
        assertFalse(page.contains(must(net.run(net.router, "cat", root.resolve("data/vpn/private.key").toString())).strip()), "never the private key");
        String index = linkIndex();

        updateVpnBundle(root);
        assertEquals(index, linkIndex(), "the update left the interface as it was");
        assertTrue(net.pingAnswered(site, TUNNEL_SWITCHBOARD), "the site still reaches us after the update");
        assertEquals(401, consoleThroughTunnel(), "and so does the laptop");

        Files.delete(root.resolve("etc/switchboard.vpn.peer-branch.cfg"));
        Poll.until(WITHIN, "the site peer removed", () -> !must(net.run(net.router, "wg", "show", WG_SWITCHBOARD, "peers")).contains(sitePublic));
        assertFalse(net.pingAnswered(site, TUNNEL_SWITCHBOARD), "the removed site lost access");
        assertEquals(Optional.empty(), net.tcpAnswer(siteLan, LAN_HOST, LAN_SERVICE), "its LAN too");
        assertEquals(401, consoleThroughTunnel(), "the laptop kept it");
        assertEquals(index, linkIndex(), "the interface was not restarted for the change");

        home.writeConfig("switchboard.vpn", "enabled = false\ninterface = " + WG_SWITCHBOARD + "\naddress = " + TUNNEL_SWITCHBOARD + "/24\n");
        Poll.until(WITHIN, "the disabled tunnel gone", () -> !net.run(net.router, "ip", "link", "show", "dev", WG_SWITCHBOARD).succeeded());
        Poll.until(WITHIN, "the firewall closing the VPN port", () -> !TextFile.read(root.resolve("data/firewall/ruleset.nft")).contains("VPN"));
    }

    /** A phone on the site's LAN registers with the office registrar across the tunnel: 401, then 200, and it is listed with its own address. */
    private void aPhoneAtTheSiteRegisters(Path root, int sipPort) throws IOException {
        String added = postOnTheConsole(root, PhonesPage.PATH, "action=add", "user=branch-phone", "extension=" + SITE_PHONE, "password=" + SITE_PHONE_SECRET);
        assertTrue(added.contains("created"), added);
        Sipp sipp = new Sipp(switchboards.testDirectory(), ROUTER_LAN, sipPort, List.of("ip", "netns", "exec", siteLan), SITE_LAN_HOST);
        String phone = SITE_LAN_HOST + ":" + SITE_PHONE_PORT;
        Sipp.Result result = sipp.run(Sipp.Run.once(SITE_PHONE, SITE_PHONE_SECRET, "<sip:" + SITE_PHONE + "@" + phone + ">", 600, 200), SITE_PHONE_PORT);
        assertEquals(0, result.exit(), "sipp from the site's LAN:\n" + result.output());
        assertTrue(aBarePhoneIsChallenged(sipPort).startsWith("SIP/2.0 401 "), "a phone that names no User-Agent is answered too");
        String page = consolePage(root, PhonesPage.PATH);
        assertTrue(Pattern.compile("<td>sip:" + SITE_PHONE + "@" + Pattern.quote(ROUTER_LAN) + "</td><td>sip:" + SITE_PHONE + "@" + Pattern.quote(phone)
                + "</td><td>\\d+</td><td>sipp-systemtest</td><td>" + Pattern.quote(phone) + "</td><td>no</td>").matcher(page).find(),
                "the binding, from the site host's own address (no NAT in the tunnel):\n" + page);
    }

    /**
     * The answer to a REGISTER without a User-Agent (which is optional) from a phone that takes answers only from the
     * address it asked (a connected socket).
     */
    private static String aBarePhoneIsChallenged(int sipPort) throws IOException {
        Path register = Files.createTempFile("register", ".sip");
        try {
            Files.writeString(register, "REGISTER sip:" + ROUTER_LAN + " SIP/2.0\r\nVia: SIP/2.0/UDP " + SITE_LAN_HOST
                    + ":5070;branch=z9hG4bKbare1\r\nMax-Forwards: 70\r\nFrom: <sip:" + SITE_PHONE + "@" + ROUTER_LAN
                    + ">;tag=bare\r\nTo: <sip:" + SITE_PHONE + "@" + ROUTER_LAN + ">\r\nCall-ID: bare-phone\r\nCSeq: 1 REGISTER\r\n"
                    + "Contact: <sip:" + SITE_PHONE + "@" + SITE_LAN_HOST + ":5070>\r\nContent-Length: 0\r\n\r\n");
            return must(net.run(siteLan, "sh", "-c", "timeout 5 socat -T2 - UDP:" + ROUTER_LAN + ":" + sipPort + ",bind=" + SITE_LAN_HOST
                    + ":5070 < " + register));
        } finally {
            Files.delete(register);
        }
    }

    /** The status of a query for a name outside the office zone, asked from {@code source} in {@code ns} at {@code server}. */
    private static String dnsStatus(String ns, String source, String server) {
        // the tunnel can be up before the DNS bundle has bound its port
        String answer = Poll.until(WITHIN, "DNS at " + server + " to answer " + source, () -> {
            OfficeNetwork.Outcome dig = net.run(ns, "dig", "+tries=1", "+time=2", "-b", source, "-p", String.valueOf(DNS), "@" + server,
                    "example.invalid");
            return dig.succeeded() ? Optional.of(dig.output()) : Optional.empty();
        });
        Matcher status = Pattern.compile("status: (\\w+)").matcher(answer);
        assertTrue(status.find(), answer);
        return status.group(1);
    }

    /** Switchboard in the router namespace in nat-dmz mode, the VPN on with office B as a site peer. */
    private SwitchboardHome startRouter(String sitePublic) {
        SwitchboardHome home = switchboards.newHome();
        home.writeConfig(SwitchboardHome.HTTP_PID, "org.apache.felix.http.host = 0.0.0.0\norg.osgi.service.http.port = " + CONSOLE + "\n");
        home.writeConfig("switchboard.host", "apply = true\n");
        home.writeConfig(SwitchboardHome.NETWORK_PID, "lan.interface = " + OfficeNetwork.LAN_INTERFACE + "\nlan.address = " + ROUTER_LAN
                + "/24\nwan.address = " + ROUTER_WAN + "/24\nwan.gateway = " + WAN_HOST + "\nmode = nat-dmz\n");
        home.writeConfig("switchboard.wan", "interface = " + OfficeNetwork.ROUTER_WAN_INTERFACE + "\n");
        home.configureSip("address = 0.0.0.0\ndigest.algorithms = MD5, SHA-256\n");
        home.writeConfig("switchboard.dns", "address = 0.0.0.0\nport = " + DNS + "\nforwarders.enabled = false\n");
        home.writeConfig("switchboard.vpn", "enabled = true\ninterface = " + WG_SWITCHBOARD + "\naddress = " + TUNNEL_SWITCHBOARD + "/24\n");
        home.writeConfig("switchboard.vpn.peer-branch", "name = branch\nkind = site\npublic.key = " + sitePublic + "\nendpoint = " + SITE_WAN
                + ":" + WG_PORT + "\nallowed.ips = 198.18.2.0/24, " + TUNNEL_SITE + "/32\nkeepalive = 5\n");
        SwitchboardProcess process = switchboards.launch(List.of("ip", "netns", "exec", net.router), home.root());
        Poll.until(WITHIN, "the firewall with the VPN rules", () -> {
            if (!process.isAlive()) throw new AssertionError("switchboard ended:\n" + process.stdout() + process.stderr());
            return TextFile.read(home.root().resolve("data/firewall/ruleset.nft")).contains("udp dport " + WG_PORT + " counter accept");
        });
        return home;
    }

    /** Office B's router: WireGuard with Switchboard as its peer, office A's LAN routed through it. */
    private static void startSite(String siteKey, String switchboardPublic) throws IOException {
        Path keyFile = Files.createTempFile("site", ".key");
        try {
            Files.writeString(keyFile, siteKey + "\n");
            wireGuardInterface(site, WG_SITE);
            must(net.run(site, "wg", "set", WG_SITE, "private-key", keyFile.toString(), "listen-port", String.valueOf(WG_PORT),
                    "peer", switchboardPublic, "endpoint", ROUTER_WAN + ":" + WG_PORT, "persistent-keepalive", "5",
                    "allowed-ips", TUNNEL_SWITCHBOARD + "/32,198.18.1.0/24"));
        } finally {
            Files.delete(keyFile);
        }
        must(net.run(site, "ip", "addr", "add", TUNNEL_SITE + "/24", "dev", WG_SITE));
        must(net.run(site, "ip", "link", "set", WG_SITE, "up"));
        must(net.run(site, "ip", "route", "add", "198.18.1.0/24", "dev", WG_SITE));
    }

    /** The admin's laptop on the Internet (the WAN host) loads the configuration the console gave it. */
    private static void startLaptop(String clientConfig) throws IOException {
        Path conf = Files.createTempFile("laptop", ".conf");
        try {
            Files.writeString(conf, clientConfig.lines().filter(l -> !l.startsWith("Address")).collect(Collectors.joining("\n", "", "\n")));
            wireGuardInterface(net.wan, WG_LAPTOP);
            must(net.run(net.wan, "wg", "setconf", WG_LAPTOP, conf.toString()));
        } finally {
            Files.delete(conf);
        }
        must(net.run(net.wan, "ip", "addr", "add", laptopAddress(clientConfig) + "/32", "dev", WG_LAPTOP));
        must(net.run(net.wan, "ip", "link", "set", WG_LAPTOP, "up"));
        Matcher routed = Pattern.compile("(?m)^AllowedIPs = (.+)$").matcher(clientConfig);
        assertTrue(routed.find(), clientConfig);
        for (String network : routed.group(1).split(",\\s*")) must(net.run(net.wan, "ip", "route", "replace", network, "dev", WG_LAPTOP));
    }

    private static String laptopAddress(String clientConfig) {
        Matcher address = Pattern.compile("(?m)^Address = ([\\d.]+)/32$").matcher(clientConfig);
        assertTrue(address.find(), clientConfig);
        return address.group(1);
    }

    /** A WireGuard interface in the namespace: the kernel's where it has the module, else wireguard-go's. */
    private static void wireGuardInterface(String ns, String name) {
        if (!net.run(ns, "ip", "link", "add", "dev", name, "type", "wireguard").succeeded()) must(net.run(ns, "wireguard-go", name));
    }

    private static String privateKey(String clientConfig) {
        Matcher m = Pattern.compile("(?m)^PrivateKey = (\\S+)$").matcher(clientConfig);
        assertTrue(m.find(), clientConfig);
        return m.group(1);
    }

    private static boolean etcMentions(Path root, String text) {
        try (var files = Files.list(root.resolve("etc"))) {
            return files.anyMatch(f -> TextFile.read(f).contains(text));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int consoleThroughTunnel() {
        return net.httpStatus(net.wan, "http://" + TUNNEL_SWITCHBOARD + ":" + CONSOLE + "/system/console");
    }

    private static String linkIndex() {
        return must(net.run(net.router, "ip", "-o", "link", "show", "dev", WG_SWITCHBOARD)).split(":")[0];
    }

    private static String consolePage(Path root) {
        return consolePage(root, VPN_PAGE);
    }

    private static String consolePage(Path root, String path) {
        return must(net.run(net.lan, "curl", "-s", "--max-time", "5", "-u", "admin:" + password(root), console(path)));
    }

    /** Adds a device with the console page's form, from a LAN host, and returns the client configuration it shows. */
    private static String addDeviceOnTheConsole(Path root, String name) {
        String answer = postOnTheConsole(root, VPN_PAGE, "device=" + name);
        Matcher config = Pattern.compile("<pre id='client-config'>([^<]*)</pre>").matcher(answer);
        assertTrue(config.find(), answer);
        return config.group(1).replace("&#61;", "=").replace("&#43;", "+");
    }

    /** Posts a console page's form with its token, from a LAN host, and returns the answer. */
    private static String postOnTheConsole(Path root, String path, String... fields) {
        Pattern tokenField = Pattern.compile("name='csrf' value='([0-9a-f]+)'");
        String token = Poll.until(WITHIN, path + " with its form token",
                () -> tokenField.matcher(consolePage(root, path)).results().findFirst().map(m -> m.group(1)));
        List<String> curl = new ArrayList<>(List.of("curl", "-s", "--max-time", "5", "-u", "admin:" + password(root), "-d", "csrf=" + token));
        for (String field : fields) curl.addAll(List.of("--data-urlencode", field));
        curl.add(console(path));
        return must(net.run(net.lan, curl.toArray(String[]::new)));
    }

    private static String console(String path) {
        return "http://" + ROUTER_LAN + ":" + CONSOLE + path;
    }

    private static String password(Path root) {
        return TextFile.read(root.resolve("data/initial-admin-password")).strip();
    }

    /** Overwrites deploy/switchboard.vpn.jar with itself, as a hot patch does, and waits for the new bundle to apply. */
    private static void updateVpnBundle(Path root) throws IOException {
        Path log = root.resolve("log/switchboard.log");
        long appliedBefore = TextFile.read(log).lines().filter(l -> l.contains("VPN applied on " + WG_SWITCHBOARD)).count();
        SwitchboardHome.redeploy(root, "switchboard.vpn");
        Poll.until(WITHIN, "the updated VPN bundle to apply its configuration",
                () -> TextFile.read(log).lines().filter(l -> l.contains("VPN applied on " + WG_SWITCHBOARD)).count() > appliedBefore);
    }

    private static String must(OfficeNetwork.Outcome outcome) {
        assertTrue(outcome.succeeded(), outcome.output());
        return outcome.output();
    }

    /** socat's peer address, without a port if it printed one. */
    private static String address(String peer) {
        return peer.replaceFirst(":\\d+$", "");
    }
}
