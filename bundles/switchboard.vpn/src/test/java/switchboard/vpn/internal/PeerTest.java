package switchboard.vpn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.vpn.internal.TunnelPlanTest.TUNNEL;
import static switchboard.vpn.internal.WgDumpTest.PEER_A;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;

class PeerTest {

    @Test
    void aSiteRoutesItsLanAndNotItsTunnelAddress() {
        Peer site = Peer.parse("branch", "site", PEER_A, "branch.example:51820", List.of("198.18.2.7/24", "198.18.100.2/32"), 25, "", TUNNEL);
        assertEquals(List.of(Cidr.parse("198.18.2.0/24"), Cidr.parse("198.18.100.2/32")), site.allowed(), "networks by their network address");
        assertEquals(List.of(Cidr.parse("198.18.2.0/24")), site.routedNetworks(TUNNEL));
    }

    @Test
    void eachWrongFieldIsNamed() {
        assertRefused("name:", () -> Peer.parse("bad name", "site", PEER_A, "", List.of("198.18.2.0/24"), 0, "", TUNNEL));
        assertRefused("'router' is neither site nor device", () -> Peer.parse("x", "router", PEER_A, "", List.of("198.18.2.0/24"), 0, "", TUNNEL));
        assertRefused("public.key: not a WireGuard key", () -> Peer.parse("x", "site", "abc", "", List.of("198.18.2.0/24"), 0, "", TUNNEL));
        assertRefused("endpoint:", () -> Peer.parse("x", "site", PEER_A, "host", List.of("198.18.2.0/24"), 0, "", TUNNEL));
        assertRefused("endpoint:", () -> Peer.parse("x", "site", PEER_A, "host:70000", List.of("198.18.2.0/24"), 0, "", TUNNEL));
        assertRefused("allowed.ips:", () -> Peer.parse("x", "site", PEER_A, "", List.of("198.18.2.0/33"), 0, "", TUNNEL));
        assertRefused("allowed.ips: a peer needs", () -> Peer.parse("x", "site", PEER_A, "", List.of(), 0, "", TUNNEL));
        assertRefused("allowed.ips: a device has exactly one address", () -> Peer.parse("x", "device", PEER_A, "", List.of("198.18.2.0/24"), 0, "", TUNNEL));
        assertRefused("allowed.ips: a device has exactly one address", () -> Peer.parse("x", "device", PEER_A, "", List.of("10.0.0.3/32"), 0, "", TUNNEL));
        assertRefused("preshared.key:", () -> Peer.parse("x", "site", PEER_A, "", List.of("198.18.2.0/24"), 0, "short", TUNNEL));
    }

    @Test
    void vpnSettingsRefuseWhatCannotWork() {
        assertSettingsRefused("interface", Map.of("interface", "wg0; rm -rf /"));
        assertSettingsRefused("port", Map.of("port", "0"));
        assertSettingsRefused("address", Map.of("address", "10.99.0.0/24"));
        assertSettingsRefused("address", Map.of("address", "10.99.0.1/32"));
        assertSettingsRefused("endpoint", Map.of("endpoint", "-x"));
        assertSettingsRefused("enabled", Map.of("enabled", "yes"));
    }

    private static void assertSettingsRefused(String key, Map<String, String> properties) {
        assertEquals(key, assertThrows(InvalidConfigurationException.class, () -> VpnSettings.parse(properties)).key());
    }

    private static void assertRefused(String message, org.junit.jupiter.api.function.Executable parse) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, parse);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
