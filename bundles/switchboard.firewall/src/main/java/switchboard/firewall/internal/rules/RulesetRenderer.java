package switchboard.firewall.internal.rules;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import switchboard.api.firewall.Ban;
import switchboard.api.network.NetworkMode;
import switchboard.api.vpn.Tunnel;

/**
 * Renders a policy as one {@code nft -f} transaction that replaces Switchboard's own tables ({@code inet
 * switchboard}, {@code ip switchboard_nat}) and nothing else: each table is declared (created if missing),
 * deleted and defined again, so the kernel swaps old for new in one step or, on any error, keeps the old.
 * <p>
 * IPv6: the filter table is {@code inet}, so the box's own input is filtered alike for both families (the
 * LAN-only ports, stealth). The office LAN is IPv4 behind NAT: in the NAT modes no IPv6 is forwarded at all,
 * in either direction (there is no NAT66 and no IPv6 forwarding policy); {@code router} mode forwards
 * whatever the host routes, unfiltered, and {@code lan-only} forwards nothing.
 */
public final class RulesetRenderer {
    public static final String FILTER_TABLE = "switchboard";
    public static final String NAT_TABLE = "switchboard_nat";

    private RulesetRenderer() {}

    /** The tables, without bans: the same policy always gives the same text. */
    public static String render(FirewallPolicy policy) {
        LanSide lan = new LanSide(policy.lanInterface(), policy.lan());
        StringBuilder out = new StringBuilder();
        out.append("# Switchboard firewall, mode ").append(policy.mode().key())
                .append(". Rendered from the configuration: edits here are replaced.\n");
        replace(out, "inet " + FILTER_TABLE);
        out.append("table inet ").append(FILTER_TABLE).append(" {\n");
        out.append("\tset banned {\n\t\ttype ipv4_addr\n\t\tflags timeout\n\t}\n");
        out.append("\tset flood {\n\t\ttype ipv4_addr . inet_service\n\t\tflags dynamic,timeout\n\t\ttimeout 1m\n\t}\n");
        input(out, policy, lan);
        forward(out, policy, lan);
        out.append("}\n");
        replace(out, "ip " + NAT_TABLE);
        if (policy.nat()) nat(out, policy, lan);
        return out.toString();
    }

    /** Declaring a table creates it if it is missing, so that the delete that follows cannot fail. */
    private static void replace(StringBuilder out, String table) {
        out.append("table ").append(table).append("\ndelete table ").append(table).append('\n');
    }

    /** Commands that put the bans into the ban set with their remaining time; empty when there are none. */
    public static String banElements(List<Ban> bans, Instant now) {
        String elements = bans.stream().filter(b -> b.until().isAfter(now))
                .map(b -> b.address().getHostAddress() + " timeout " + Math.max(1, Duration.between(now, b.until()).toSeconds()) + "s")
                .collect(Collectors.joining(", "));
        return elements.isEmpty() ? "" : "add element inet " + FILTER_TABLE + " banned { " + elements + " }\n";
    }

    /**
     * One transaction that sets a ban's timeout whether or not the address is already in the set: adding an
     * existing element keeps its old timeout, so it is added, deleted and added again.
     */
    public static String banUpdate(Ban ban, Instant now) {
        return banLift(ban.address()) + banElements(List.of(ban), now);
    }

    /** One transaction that removes an address from the ban set whether or not it is in it. */
    public static String banLift(Inet4Address address) {
        String element = "inet " + FILTER_TABLE + " banned { " + address.getHostAddress() + " }\n";
        return "add element " + element + "delete element " + element;
    }

    private static void input(StringBuilder out, FirewallPolicy policy, LanSide lan) {
        boolean stealth = policy.mode() == NetworkMode.NAT_DMZ;
        chain(out, "input", "filter hook input priority filter", stealth ? "drop" : "accept");
        rule(out, "iifname \"lo\" accept");
        rule(out, "ip saddr @banned counter drop comment \"banned\"");
        rule(out, "ct state established,related accept");
        if (policy.nat()) rule(out, "ct state invalid drop");
        rule(out, lan.fromLan() + " accept");
        policy.tunnel().ifPresent(t -> {
            rule(out, tunnelSide(t) + " counter accept comment \"VPN tunnel\"");
            rule(out, "udp dport " + t.listenPort() + " counter accept comment \"VPN\"");
        });
        for (Protocol protocol : Protocol.values()) {
            String ports = PortCatalog.lanOnly().stream().filter(p -> p.ports().protocol() == protocol)
                    .map(p -> p.ports().ports()).distinct().collect(Collectors.joining(", "));
            rule(out, protocol.key() + " dport { " + ports + " } counter drop comment \"LAN-only " + protocol.key() + "\"");
        }
        if (policy.nat()) {
            for (Exposure e : policy.exposures()) {
                String match = e.ports().protocol().key() + " dport " + e.ports().ports();
                rule(out, match + " ct state new add @flood { ip saddr . " + e.ports().protocol().key() + " dport limit rate over "
                        + policy.flood().perSecond() + "/second burst " + policy.flood().burst() + " packets } counter drop comment \"flood "
                        + e.name() + "\"");
                rule(out, match + " counter accept comment \"expose " + e.name() + "\"");
            }
        }
        if (stealth && policy.wanDhcp()) rule(out, "udp sport 67 udp dport 68 accept comment \"WAN DHCP client\"");
        if (stealth) rule(out, "counter drop comment \"stealth\"");
        out.append("\t}\n");
    }

    private static void forward(StringBuilder out, FirewallPolicy policy, LanSide lan) {
        chain(out, "forward", "filter hook forward priority filter", policy.mode() == NetworkMode.ROUTER ? "accept" : "drop");
        if (policy.forwarding()) rule(out, "ip saddr @banned counter drop comment \"banned\"");
        if (policy.nat()) {
            rule(out, "meta nfproto ipv6 counter drop comment \"IPv6 is not forwarded\"");
            rule(out, "ct state established,related accept");
            rule(out, "ct state invalid drop");
            rule(out, lan.fromLan() + " " + lan.towardsWan() + " counter accept comment \"LAN to WAN\"");
            policy.tunnel().ifPresent(t -> rule(out, tunnelSide(t) + " counter accept comment \"VPN tunnel\""));
            for (Forward f : policy.forwards())
                rule(out, "ct status dnat ip daddr " + f.lanHost().getHostAddress() + " " + f.wanPorts().protocol().key()
                        + " dport " + f.lanPort() + " counter accept comment \"forward " + f.name() + "\"");
        }
        out.append("\t}\n");
    }

    private static void nat(StringBuilder out, FirewallPolicy policy, LanSide lan) {
        out.append("table ip ").append(NAT_TABLE).append(" {\n");
        chain(out, "prerouting", "nat hook prerouting priority dstnat", "accept");
        for (Forward f : policy.forwards())
            rule(out, lan.fromWan() + " " + dnat(f, "forward"));
        policy.wanAddress().ifPresent(wan -> {
            for (Forward f : policy.forwards())
                rule(out, lan.fromLan() + " ip daddr " + wan.getHostAddress() + " " + dnat(f, "hairpin"));
        });
        out.append("\t}\n");
        chain(out, "postrouting", "nat hook postrouting priority srcnat", "accept");
        policy.tunnel().ifPresent(t -> rule(out, "oifname \"" + t.interfaceName() + "\" accept comment \"VPN: sites see LAN addresses\""));
        rule(out, "ip saddr " + lan.subnet() + " " + lan.towardsWan() + " masquerade");
        // a LAN device reaching a forward through the WAN address answers the box, not the asking device directly
        if (policy.wanAddress().isPresent() && !policy.forwards().isEmpty())
            rule(out, "ip saddr " + lan.subnet() + " " + lan.towardsLan() + " ct status dnat masquerade comment \"hairpin\"");
        out.append("\t}\n}\n");
    }

    private static String dnat(Forward f, String comment) {
        return f.wanPorts().protocol().key() + " dport " + f.wanPorts().ports() + " dnat to " + f.lanHost().getHostAddress() + ":"
                + f.lanPort() + " comment \"" + comment + " " + f.name() + "\"";
    }

    /** Remote sites and admin devices come in through the tunnel and are trusted as if on the LAN. */
    private static String tunnelSide(Tunnel tunnel) {
        return "iifname \"" + tunnel.interfaceName() + "\"";
    }

    private static void chain(StringBuilder out, String name, String hook, String policy) {
        out.append("\tchain ").append(name).append(" {\n\t\ttype ").append(hook).append("; policy ").append(policy).append(";\n");
    }

    private static void rule(StringBuilder out, String rule) {
        out.append("\t\t").append(rule).append('\n');
    }
}
