package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static switchboard.systemtests.OfficeNetwork.LAN_HOST;
import static switchboard.systemtests.OfficeNetwork.ROUTER_LAN;
import static switchboard.systemtests.OfficeNetwork.WAN_HOST;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Switchboard as the office router with {@code wan.mode = dhcp}: the WAN host plays the ISP with a real DHCP
 * server (dnsmasq) on the WAN link. The router's WAN interface gets its address, mask and router from it, and
 * when the ISP changes its pool, the renewal is refused and the new address is followed by the interface, the
 * office DNS ({@code wan.<domain>}) and NAT; an update of the WAN bundle keeps the lease. Needs root; skipped otherwise.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class WanDhcpInNamespacesTest {
    private static final String DOMAIN = "office.lan";
    private static final int DNS_PORT = 1053;
    private static final int WHOAMI = 7000;
    /** The ISP's short renewal time (T1), so that a change of pool is noticed within seconds. */
    private static final int RENEW_SECONDS = 3;
    private static final Duration LEASED_WITHIN = Duration.ofSeconds(40);
    private static OfficeNetwork net;

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();
    private final List<Process> ispServers = new ArrayList<>();

    @BeforeAll
    static void createNetwork() {
        Optional<String> unavailable = OfficeNetwork.unavailable();
        assumeTrue(unavailable.isEmpty(), () -> "namespace tests skipped: " + unavailable.orElseThrow());
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dnsmasq")), "dnsmasq (dnsmasq-base) is missing: bash .ci/install-test-tools");
        net = OfficeNetwork.create();
        net.whoAmIServer(net.wan, WHOAMI);
    }

    /** The next test runs its own ISP server, which could not bind port 67 while this one lives. */
    @AfterEach
    void stopIspServers() throws InterruptedException {
        for (Process isp : ispServers) {
            isp.destroy();
            if (!isp.waitFor(5, TimeUnit.SECONDS)) isp.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void deleteNetwork() {
        if (net != null) net.close();
    }

    @Test
    void theWanAddressComesFromTheIspAndANewOneIsFollowedByDnsAndNat() throws InterruptedException {
        Process isp = ispDhcpServer("198.19.0.50", "first");
        SwitchboardHome switchboard = startRouter();
        Path home = switchboard.root();

        Poll.until(LEASED_WITHIN, "the leased address on the WAN interface and the ISP's router as default route",
                () -> wanAddresses().contains("198.19.0.50/24") && defaultRoute().contains("default via " + WAN_HOST + " dev veth-wan"));
        Poll.until(LEASED_WITHIN, "wan." + DOMAIN + " to answer the leased address", () -> wanName().equals("198.19.0.50"));
        assertEquals(Optional.of("198.19.0.50"), whoAmI(), "the LAN reaches the WAN masqueraded behind the leased address");

        isp.destroy();
        assertTrue(isp.waitFor(5, TimeUnit.SECONDS), "the first DHCP server ended");
        ispDhcpServer("198.19.0.60", "second");

        Poll.until(LEASED_WITHIN, "the new address in place of the old, with the default route",
                () -> wanAddresses().contains("198.19.0.60/24") && !wanAddresses().contains("198.19.0.50/")
                        && defaultRoute().contains("default via " + WAN_HOST + " dev veth-wan"));
        Poll.until(LEASED_WITHIN, "wan." + DOMAIN + " to follow", () -> wanName().equals("198.19.0.60"));
        assertEquals(Optional.of("198.19.0.60"), whoAmI(), "NAT follows the new address");
        String log = TextFile.read(home.resolve("log/switchboard.log"));
        assertTrue(log.contains("NAK from " + WAN_HOST), "the renewal of the old address was refused:\n" + log);
        assertTrue(TextFile.read(home.resolve("etc/switchboard.network.cfg")).contains("wan.mode = dhcp"),
                "the lease is run-time state: the configuration is not rewritten");
        String page = wanPage(switchboard);
        for (String shown : List.of("BOUND", "198.19.0.60/24", "renew (T1)", "none (wan.dns; never taken from the ISP)"))
            assertTrue(page.contains(shown), "the console's WAN page shows " + shown + ":\n" + page);
    }

    @Test
    void anUpdateOfTheWanBundleKeepsTheLeasedAddress() {
        ispDhcpServer("198.19.0.70", "only");
        Path home = startRouter().root();
        Poll.until(LEASED_WITHIN, "the leased address", () -> wanAddresses().contains("198.19.0.70/24") && whoAmI().isPresent());

        SwitchboardHome.redeploy(home, "switchboard.wan");

        Poll.until(LEASED_WITHIN, "the updated client to lease the address again", () -> TextFile.read(home.resolve("log/switchboard.log"))
                .split("bound to 198.19.0.70/24", -1).length == 3);
        String log = TextFile.read(home.resolve("log/switchboard.log"));
        assertFalse(log.contains("ip addr del"), "the address never left the interface:\n" + log);
        assertTrue(log.contains("endpoint wan-dhcp 0.0.0.0%veth-wan:68: handler gone, holding arrivals"), "the socket was kept over the update");
        assertEquals(Optional.of("198.19.0.70"), whoAmI());
    }

    /**
     * dnsmasq on the WAN link handing out one address with a 2-minute lease (its shortest) and a renewal time of
     * {@value #RENEW_SECONDS} s; authoritative, so it refuses the renewal of an address outside its pool.
     */
    private Process ispDhcpServer(String address, String name) {
        Path leases = switchboards.testDirectory().resolve("isp-" + name + ".leases");
        Process isp = net.start(net.wan, "dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--port=0", "--no-resolv", "--no-hosts",
                "--interface=wan0", "--dhcp-range=" + address + "," + address + ",255.255.255.0,2m",
                "--dhcp-option=option:router," + WAN_HOST, "--dhcp-option=option:T1," + RENEW_SECONDS,
                "--dhcp-option=option:dns-server,198.19.0.53", "--dhcp-option=option:domain-name,isp.example",
                "--dhcp-authoritative", "--no-ping", "--dhcp-leasefile=" + leases, "--pid-file=", "--user=root", "--log-dhcp",
                "--log-facility=" + switchboards.testDirectory().resolve("isp-" + name + ".log"));
        ispServers.add(isp);
        net.awaitListening(net.wan, "udp", 67);
        return isp;
    }

    private SwitchboardHome startRouter() {
        SwitchboardHome home = switchboards.newHome();
        home.writeConfig("switchboard.host", "apply = true\n");
        home.writeConfig(SwitchboardHome.NETWORK_PID, "lan.interface = " + OfficeNetwork.LAN_INTERFACE + "\nlan.address = " + ROUTER_LAN
                + "/24\ndomain = " + DOMAIN + "\nwan.mode = dhcp\nmode = nat-dmz\n");
        home.writeConfig("switchboard.wan", "interface = " + OfficeNetwork.ROUTER_WAN_INTERFACE + "\n");
        home.writeConfig("switchboard.dns", "address = " + ROUTER_LAN + "\nport = " + DNS_PORT + "\nforwarders.enabled = false\n");
        SwitchboardProcess process = switchboards.launch(List.of("ip", "netns", "exec", net.router), home.root());
        Poll.until(LEASED_WITHIN, "switchboard to start", () -> {
            if (!process.isAlive()) throw new AssertionError("switchboard ended:\n" + process.stdout() + process.stderr());
            return TextFile.read(home.root().resolve("log/switchboard.log")).contains("WAN DHCP client on veth-wan");
        });
        return home;
    }

    /** The console's WAN page as the admin gets it on the router's loopback console. */
    private static String wanPage(SwitchboardHome home) {
        String password = TextFile.read(home.root().resolve("data/initial-admin-password")).strip();
        return net.run(net.router, "curl", "-s", "--max-time", "5", "-u", "admin:" + password,
                "http://127.0.0.1:" + home.consolePort() + "/system/console/wan").output();
    }

    private static String defaultRoute() {
        return net.run(net.router, "ip", "-4", "route", "show", "default").output();
    }

    private static String wanAddresses() {
        return net.run(net.router, "ip", "-4", "-o", "addr", "show", "dev", OfficeNetwork.ROUTER_WAN_INTERFACE).output();
    }

    /** What the office DNS answers the LAN host for {@code wan.<domain>}. */
    private static String wanName() {
        return net.run(net.lan, "dig", "@" + ROUTER_LAN, "-p", String.valueOf(DNS_PORT), "+short", "+tries=1", "+time=2",
                "wan." + DOMAIN, "A").output().strip();
    }

    private static Optional<String> whoAmI() {
        return net.tcpAnswer(net.lan, WAN_HOST, WHOAMI).map(peer -> peer.replaceFirst(":\\d+$", ""));
    }
}
