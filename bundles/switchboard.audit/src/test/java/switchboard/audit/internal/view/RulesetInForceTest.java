package switchboard.audit.internal.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RulesetInForceTest {
    /** As {@code nft list table inet switchboard} prints the firewall's nat-dmz table. */
    private static final String NAT_DMZ = """
            table inet switchboard {
            	set banned {
            		type ipv4_addr
            		flags timeout
            	}
            	chain input {
            		type filter hook input priority filter; policy drop;
            		iifname "lo" accept
            		ip saddr @banned counter packets 0 bytes 0 drop comment "banned"
            		ct state established,related accept
            		iifname "veth-lan" accept
            		tcp dport { 53, 67, 1053, 8080 } counter packets 0 bytes 0 drop comment "LAN-only tcp"
            		udp dport { 53, 67, 1053 } counter packets 0 bytes 0 drop comment "LAN-only udp"
            		tcp dport 2525 ct state new add @flood { ip saddr . tcp dport limit rate over 20/second burst 40 packets } counter packets 0 bytes 0 drop comment "flood smtp"
            		tcp dport 2525 counter packets 3 bytes 180 accept comment "expose smtp"
            		udp dport 10000-20000 counter packets 0 bytes 0 accept comment "expose rtp"
            		counter packets 7 bytes 400 drop comment "stealth"
            	}
            }
            """;

    @Test
    void readsWhatTheTableDropsAndAccepts() {
        RulesetInForce r = RulesetInForce.parse(NAT_DMZ).orElseThrow();

        assertTrue(r.stealth());
        assertTrue(r.dropsFromWan(PortSpec.Protocol.TCP, 8080), "LAN-only");
        assertFalse(r.dropsFromWan(PortSpec.Protocol.TCP, 2525), "exposed");
        assertFalse(r.dropsFromWan(PortSpec.Protocol.UDP, 12000), "exposed range");
        assertTrue(r.dropsFromWan(PortSpec.Protocol.TCP, 8081), "stealth drops the rest");
        assertTrue(r.floodLimits(PortSpec.Protocol.TCP, 2525));
        assertFalse(r.floodLimits(PortSpec.Protocol.UDP, 12000));
    }

    @Test
    void withoutStealthOnlyTheLanOnlyPortsAreDropped() {
        RulesetInForce r = RulesetInForce.parse(NAT_DMZ.replace("policy drop;", "policy accept;")).orElseThrow();

        assertFalse(r.stealth());
        assertTrue(r.dropsFromWan(PortSpec.Protocol.TCP, 8080));
        assertFalse(r.dropsFromWan(PortSpec.Protocol.TCP, 8081), "the console moved off 8080 answers the WAN");
    }

    @Test
    void noTableNoRules() {
        assertEquals(Optional.empty(), RulesetInForce.parse(""));
        assertEquals(Optional.empty(), RulesetInForce.parse("Error: No such file or directory"));
    }

    @Test
    void rulesThatDoNotParseOpenNothing() {
        assertEquals(List.of(), RulesetInForce.ports("tcp dport { 53, x } drop comment \"LAN-only tcp\""));
        assertEquals(List.of(), RulesetInForce.ports("tcp dport"));
        assertEquals(List.of(), RulesetInForce.ports("counter drop"));
    }
}
