package switchboard.firewall.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import switchboard.api.firewall.Ban;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkMode;

class RulesetRendererTest {

    private static String render(NetworkMode mode) {
        return RulesetRenderer.render(Policies.of(mode));
    }

    private static String chain(String ruleset, String name) {
        int start = ruleset.indexOf("\tchain " + name + " {");
        assertTrue(start >= 0, "chain " + name + " in\n" + ruleset);
        return ruleset.substring(start, ruleset.indexOf("\t}\n", start));
    }

    @ParameterizedTest
    @EnumSource(NetworkMode.class)
    void everyModeReplacesOnlyItsOwnTablesAndKeepsTheConsoleOffTheWan(NetworkMode mode) {
        String ruleset = render(mode);
        assertTrue(ruleset.contains("table inet switchboard\ndelete table inet switchboard\ntable inet switchboard {\n"), ruleset);
        assertTrue(ruleset.contains("table ip switchboard_nat\ndelete table ip switchboard_nat\n"), ruleset);
        assertFalse(ruleset.contains("flush ruleset"), ruleset);
        List<String> tables = Pattern.compile("^(?:delete )?table (\\S+ \\S+)", Pattern.MULTILINE).matcher(ruleset).results()
                .map(m -> m.group(1)).distinct().toList();
        assertEquals(List.of("inet switchboard", "ip switchboard_nat"), tables);
        String input = chain(ruleset, "input");
        assertTrue(input.indexOf("iifname \"veth-lan\" accept") < input.indexOf("tcp dport { 8080, 53, 1053 } counter drop"), input);
        assertTrue(input.contains("udp dport { 53, 1053, 67 } counter drop"), input);
        assertTrue(input.indexOf("ip saddr @banned counter drop") < input.indexOf("ct state established,related accept"),
                "a ban cuts established connections too:\n" + input);
    }

    @Test
    void lanOnlyForwardsNothingAndHasNoNat() {
        String ruleset = render(NetworkMode.LAN_ONLY);
        assertTrue(chain(ruleset, "forward").contains("policy drop;"));
        assertFalse(chain(ruleset, "forward").contains("accept"));
        assertFalse(ruleset.contains("masquerade"));
        assertFalse(ruleset.contains("dnat"));
        assertFalse(Policies.of(NetworkMode.LAN_ONLY).forwarding());
    }

    @Test
    void routerForwardsWithoutNatOrFiltering() {
        String ruleset = render(NetworkMode.ROUTER);
        String forward = chain(ruleset, "forward");
        assertTrue(forward.contains("policy accept;"), forward);
        assertFalse(forward.contains("ct state"), forward);
        assertFalse(ruleset.contains("masquerade"));
        assertTrue(chain(ruleset, "input").contains("policy accept;"));
        assertTrue(Policies.of(NetworkMode.ROUTER).forwarding());
    }

    @Test
    void natMasqueradesTheLanRefusesTheWanExceptForwardsAndAnswersOnItsOwnWanSide() {
        String ruleset = render(NetworkMode.NAT);
        String forward = chain(ruleset, "forward");
        assertTrue(forward.contains("policy drop;"), forward);
        assertTrue(forward.contains("ct state established,related accept"), forward);
        assertTrue(forward.contains("iifname \"veth-lan\" oifname != \"veth-lan\" counter accept comment \"LAN to WAN\""), forward);
        assertTrue(forward.contains("ct status dnat ip daddr 198.18.1.10 tcp dport 22 counter accept comment \"forward ssh\""), forward);
        assertTrue(chain(ruleset, "prerouting").contains("iifname != \"veth-lan\" tcp dport 8022 dnat to 198.18.1.10:22"), ruleset);
        assertTrue(chain(ruleset, "postrouting").contains("ip saddr 198.18.1.0/24 oifname != \"veth-lan\" masquerade"), ruleset);
        String input = chain(ruleset, "input");
        assertTrue(input.contains("policy accept;"), "the box's own services answer, ping too:\n" + input);
        assertFalse(input.contains("stealth"), input);
    }

    @Test
    void natDmzOpensOnlyExposedPortsEachBehindAFloodLimitAndDropsTheRestSilently() {
        String input = chain(render(NetworkMode.NAT_DMZ), "input");
        assertTrue(input.contains("policy drop;"), input);
        assertTrue(input.contains("tcp dport 25 ct state new add @flood { ip saddr . tcp dport limit rate over 20/second burst 40 packets }"
                + " counter drop comment \"flood smtp\"\n\t\ttcp dport 25 counter accept comment \"expose smtp\""), input);
        assertTrue(input.contains("udp dport 5060 counter accept comment \"expose sip\""), input);
        assertTrue(input.contains("udp dport 10000-20000 counter accept comment \"expose rtp\""), input);
        assertTrue(input.endsWith("counter drop comment \"stealth\"\n"), input);
        assertFalse(input.contains("icmp"), "no ping answer:\n" + input);
        assertFalse(input.contains("reject"), "closed ports drop silently:\n" + input);
    }

    @Test
    void aLanDeviceReachesAForwardThroughTheWanAddressAnsweredByTheBox() {
        String ruleset = render(NetworkMode.NAT_DMZ);
        assertTrue(chain(ruleset, "prerouting").contains(
                "iifname \"veth-lan\" ip daddr 198.19.0.2 tcp dport 8022 dnat to 198.18.1.10:22 comment \"hairpin ssh\""), ruleset);
        assertTrue(chain(ruleset, "postrouting").contains("ip saddr 198.18.1.0/24 oifname \"veth-lan\" ct status dnat masquerade"), ruleset);
    }

    @Test
    void withoutAWanAddressThereIsNoHairpin() {
        FirewallPolicy p = Policies.of(NetworkMode.NAT);
        String ruleset = RulesetRenderer.render(new FirewallPolicy(p.mode(), p.lanInterface(), p.lan(), Optional.empty(), true,
                p.exposures(), p.forwards(), p.flood()));
        assertFalse(ruleset.contains("hairpin"), ruleset);
        assertTrue(ruleset.contains("comment \"forward ssh\""), ruleset);
    }

    @ParameterizedTest
    @EnumSource(value = NetworkMode.class, names = {"NAT", "NAT_DMZ"})
    void theNatModesForwardNoIpv6InEitherDirection(NetworkMode mode) {
        String forward = chain(render(mode), "forward");
        int ipv6Drop = forward.indexOf("meta nfproto ipv6 counter drop");
        assertTrue(ipv6Drop > 0 && ipv6Drop < forward.indexOf("ct state established,related accept"),
                "before anything is accepted:\n" + forward);
    }

    @ParameterizedTest
    @EnumSource(value = NetworkMode.class, names = {"LAN_ONLY", "ROUTER"})
    void theOtherModesNeedNoIpv6Rule(NetworkMode mode) {
        String ruleset = render(mode);
        assertFalse(ruleset.contains("nfproto"), ruleset);
        assertTrue(ruleset.contains("table inet switchboard {"), "one inet table filters the box's input for both families");
    }

    @Test
    void aWanDhcpClientInStealthModeStillHearsItsServer() {
        FirewallPolicy p = Policies.of(NetworkMode.NAT_DMZ);
        FirewallPolicy dhcp = new FirewallPolicy(p.mode(), p.lanInterface(), p.lan(), p.wanAddress(), true, p.exposures(), p.forwards(), p.flood());
        assertTrue(RulesetRenderer.render(dhcp).contains("udp sport 67 udp dport 68 accept"));
        assertFalse(render(NetworkMode.NAT_DMZ).contains("dport 68"));
    }

    @Test
    void withoutALanInterfaceTheLanIsRecognisedByItsAddresses() {
        String ruleset = RulesetRenderer.render(Policies.of(NetworkMode.NAT, ""));
        assertTrue(ruleset.contains("ip saddr 198.18.1.0/24 accept"), ruleset);
        assertTrue(ruleset.contains("ip saddr != 198.18.1.0/24 tcp dport 8022 dnat to 198.18.1.10:22"), ruleset);
        assertTrue(ruleset.contains("ip saddr 198.18.1.0/24 ip daddr != 198.18.1.0/24 masquerade"), ruleset);
        assertFalse(ruleset.contains("iifname \"\""), ruleset);
    }

    @Test
    void theSamePolicyRendersTheSameText() {
        assertEquals(render(NetworkMode.NAT_DMZ), render(NetworkMode.NAT_DMZ));
    }

    @Test
    void bansAreAddedWithTheirRemainingTimeAndExpiredOnesLeftOut() {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        List<Ban> bans = List.of(new Ban(Cidr.parseIpv4("198.19.0.7"), now.plus(Duration.ofMinutes(10)), "smtp login"),
                new Ban(Cidr.parseIpv4("198.19.0.8"), now.minusSeconds(1), "expired"));
        assertEquals("add element inet switchboard banned { 198.19.0.7 timeout 600s }\n", RulesetRenderer.banElements(bans, now));
        assertEquals("", RulesetRenderer.banElements(List.of(), now));
        assertEquals("add element inet switchboard banned { 198.19.0.7 }\ndelete element inet switchboard banned { 198.19.0.7 }\n"
                + "add element inet switchboard banned { 198.19.0.7 timeout 600s }\n", RulesetRenderer.banUpdate(bans.get(0), now));
    }

    @Test
    void theVpnTunnelIsTrustedAsLanSideItsPortOpenOnTheWanAndItsTrafficNotMasqueraded() {
        String ruleset = RulesetRenderer.render(Policies.withTunnel(NetworkMode.NAT_DMZ));
        String input = chain(ruleset, "input");
        assertTrue(input.indexOf("iifname \"wg0\" counter accept comment \"VPN tunnel\"") < input.indexOf("LAN-only"), input);
        assertTrue(input.indexOf("udp dport 51820 counter accept comment \"VPN\"") < input.indexOf("stealth"), input);
        assertTrue(chain(ruleset, "forward").contains("iifname \"wg0\" counter accept comment \"VPN tunnel\""));
        String postrouting = chain(ruleset, "postrouting");
        assertTrue(postrouting.indexOf("oifname \"wg0\" accept") < postrouting.indexOf("masquerade"), postrouting);
        assertFalse(render(NetworkMode.NAT_DMZ).contains("wg0"), "no VPN, no VPN rules");
    }
}
