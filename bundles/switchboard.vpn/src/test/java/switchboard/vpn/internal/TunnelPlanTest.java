package switchboard.vpn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.vpn.internal.WgDumpTest.PEER_A;
import static switchboard.vpn.internal.WgDumpTest.PEER_B;
import static switchboard.vpn.internal.WgDumpTest.PSK;
import static switchboard.vpn.internal.WgDumpTest.PUBLIC;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;

class TunnelPlanTest {
    static final Cidr TUNNEL = Cidr.parse("198.18.100.0/24");
    static final Peer SITE = Peer.parse("branch", "site", PEER_A, "198.19.1.2:51820", List.of("198.18.2.0/24", "198.18.100.2/32"), 25, "", TUNNEL);
    static final Peer LAPTOP = Peer.parse("laptop", "device", PEER_B, "", List.of("198.18.100.3/32"), 0, "", TUNNEL);
    static final Path KEY = Path.of("/home/data/vpn/private.key");
    static final String UP_ADDRESS = "5: wg0    inet 198.18.100.1/24 scope global wg0\\       valid_lft forever preferred_lft forever\n";
    static final String ROUTES = "198.18.2.0/24 scope link\n198.18.100.0/24 proto kernel scope link src 198.18.100.1\n";

    static VpnSettings settings() throws InvalidConfigurationException {
        return VpnSettings.parse(Map.of("enabled", "true", "address", "198.18.100.1/24"));
    }

    static List<List<String>> plan(List<Peer> peers, Optional<WgDump.Interface> current, String addresses, String routes)
            throws InvalidConfigurationException {
        return plan(peers, current, addresses, routes, true);
    }

    static List<List<String>> plan(List<Peer> peers, Optional<WgDump.Interface> current, String addresses, String routes, boolean removeUnknown)
            throws InvalidConfigurationException {
        return TunnelPlan.plan(settings(), KEY, PUBLIC, peers, current, addresses, routes, p -> Path.of("/home/data/vpn/psk-" + p.name() + ".key"),
                removeUnknown);
    }

    @Test
    void aNewInterfaceGetsKeyPortPeersAddressAndSiteRoutes() throws Exception {
        assertEquals(List.of(
                List.of("wg", "set", "wg0", "listen-port", "51820", "private-key", KEY.toString()),
                List.of("wg", "set", "wg0", "peer", PEER_A, "preshared-key", "/dev/null", "endpoint", "198.19.1.2:51820",
                        "persistent-keepalive", "25", "allowed-ips", "198.18.2.0/24,198.18.100.2/32"),
                List.of("wg", "set", "wg0", "peer", PEER_B, "preshared-key", "/dev/null", "persistent-keepalive", "off",
                        "allowed-ips", "198.18.100.3/32"),
                List.of("ip", "addr", "add", "198.18.100.1/24", "dev", "wg0"),
                List.of("ip", "link", "set", "wg0", "up"),
                List.of("ip", "route", "replace", "198.18.2.0/24", "dev", "wg0")),
                plan(List.of(SITE, LAPTOP), Optional.empty(), "", ""));
    }

    @Test
    void anInterfaceThatIsAlreadyRightIsOnlyAskedToStayUp() throws Exception {
        WgDump.Interface current = WgDump.parse(WgDumpTest.dump(
                PEER_A + "\t(none)\t198.19.1.2:51820\t198.18.100.2/32,198.18.2.0/24\t1700000000\t1\t2\t25",
                PEER_B + "\t(none)\t203.0.113.9:40000\t198.18.100.3/32\t1700000000\t1\t2\toff"));
        assertEquals(List.of(List.of("ip", "link", "set", "wg0", "up")), plan(List.of(SITE, LAPTOP), Optional.of(current), UP_ADDRESS, ROUTES));
    }

    @Test
    void aRemovedPeerIsRemovedAloneAndItsRouteWithIt() throws Exception {
        WgDump.Interface current = WgDump.parse(WgDumpTest.dump(
                PEER_A + "\t(none)\t198.19.1.2:51820\t198.18.2.0/24,198.18.100.2/32\t1700000000\t1\t2\t25",
                PEER_B + "\t(none)\t(none)\t198.18.100.3/32\t0\t0\t0\toff"));
        assertEquals(List.of(
                List.of("wg", "set", "wg0", "peer", PEER_A, "remove"),
                List.of("ip", "link", "set", "wg0", "up"),
                List.of("ip", "route", "del", "198.18.2.0/24", "dev", "wg0")),
                plan(List.of(LAPTOP), Optional.of(current), UP_ADDRESS, ROUTES));
    }

    @Test
    void justAfterAStartPeersNotConfiguredYetAreLeftUpBecauseTheirConfigurationsMayStillBeArriving() throws Exception {
        WgDump.Interface current = WgDump.parse(WgDumpTest.dump(
                PEER_A + "\t(none)\t198.19.1.2:51820\t198.18.2.0/24,198.18.100.2/32\t1700000000\t1\t2\t25",
                PEER_B + "\t(none)\t(none)\t198.18.100.3/32\t0\t0\t0\toff"));
        assertEquals(List.of(List.of("ip", "link", "set", "wg0", "up")), plan(List.of(LAPTOP), Optional.of(current), UP_ADDRESS, ROUTES, false));
    }

    @Test
    void aChangedPeerIsSetAgainAndAPresharedKeyIsPassedAsAFile() throws Exception {
        Peer withPsk = Peer.parse("laptop", "device", PEER_B, "", List.of("198.18.100.3/32"), 0, PSK, TUNNEL);
        WgDump.Interface current = WgDump.parse(WgDumpTest.dump(PEER_B + "\t(none)\t(none)\t198.18.100.3/32\t0\t0\t0\toff"));
        List<List<String>> commands = plan(List.of(withPsk), Optional.of(current), UP_ADDRESS, "");
        assertEquals(List.of("wg", "set", "wg0", "peer", PEER_B, "preshared-key", "/home/data/vpn/psk-laptop.key", "persistent-keepalive", "off",
                "allowed-ips", "198.18.100.3/32"), commands.get(0));
        assertTrue(commands.stream().noneMatch(c -> c.contains(PSK)), "the key itself is never on a command line");
    }

    @Test
    void aNewPortOrAddressReplacesTheOldOne() throws Exception {
        WgDump.Interface current = WgDump.parse(WgDumpTest.PRIVATE + "\t" + PUBLIC + "\t51000\toff\n");
        List<List<String>> commands = plan(List.of(), Optional.of(current), "5: wg0    inet 10.99.0.1/24 scope global wg0\n", "");
        assertEquals(List.of("wg", "set", "wg0", "listen-port", "51820", "private-key", KEY.toString()), commands.get(0));
        assertTrue(commands.contains(List.of("ip", "addr", "del", "10.99.0.1/24", "dev", "wg0")));
        assertTrue(commands.contains(List.of("ip", "addr", "add", "198.18.100.1/24", "dev", "wg0")));
    }
}
