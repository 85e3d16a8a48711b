package switchboard.firewall.internal.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkMode;
import switchboard.firewall.internal.rules.Exposure;
import switchboard.firewall.internal.rules.FirewallPolicy;
import switchboard.firewall.internal.rules.FloodLimit;
import switchboard.firewall.internal.rules.Forward;
import switchboard.firewall.internal.rules.PortRange;

class PortTableTest {
    private static final Forward CAMERA = new Forward("camera", PortRange.parse("8443/tcp"), Cidr.parseIpv4("192.168.2.20"), 443);

    private static Map<String, String> wanColumn(NetworkMode mode) {
        FirewallPolicy policy = new FirewallPolicy(mode, "eth0", Cidr.parse("192.168.2.254/24"), Optional.empty(), false,
                List.of(new Exposure("smtp", PortRange.parse("25/tcp")), new Exposure("game", PortRange.parse("27015/udp"))), List.of(CAMERA),
                new FloodLimit(20, 40));
        return PortTable.rows(Optional.of(policy)).stream().collect(Collectors.toMap(r -> r.service() + " " + r.ports(), PortTable.Row::wan));
    }

    @Test
    void inStealthModeOnlyExposedPortsAreOpen() {
        Map<String, String> wan = wanColumn(NetworkMode.NAT_DMZ);
        assertEquals("never (LAN only)", wan.get("web console 8080/tcp"));
        assertEquals("exposed as smtp", wan.get("SMTP 25/tcp"));
        assertEquals("closed", wan.get("SIP 5060/udp"));
        assertEquals("exposed", wan.get("game 27015/udp"));
        assertEquals("forwarded", wan.get("camera 8443/tcp"));
    }

    @Test
    void inTheOtherModesEveryPortButTheLanOnlyOnesIsOpen() {
        Map<String, String> wan = wanColumn(NetworkMode.NAT);
        assertEquals("never (LAN only)", wan.get("DHCP 67/udp"));
        assertEquals("open (mode nat)", wan.get("SIP 5060/udp"));
        assertEquals("open (mode nat)", wan.get("SMTP 25/tcp"));
    }
}
