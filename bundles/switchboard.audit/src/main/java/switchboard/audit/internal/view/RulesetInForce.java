package switchboard.audit.internal.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the kernel's {@code table inet switchboard} (as {@code nft list table} prints it) does to the WAN:
 * the ports it drops as LAN-only, the ports it accepts as exposures (and whether they are flood limited),
 * and whether the input chain drops everything else. Empty when no such table is in force.
 */
public record RulesetInForce(List<PortSpec> lanOnly, List<PortSpec> exposed, List<PortSpec> floodLimited, boolean stealth) {
    private static final Pattern DPORT = Pattern.compile("\\b(tcp|udp) dport (\\{[^}]*\\}|\\S+)");
    private static final Pattern INPUT_POLICY = Pattern.compile("hook input priority \\S+; policy (accept|drop);");

    public RulesetInForce {
        lanOnly = List.copyOf(lanOnly);
        exposed = List.copyOf(exposed);
        floodLimited = List.copyOf(floodLimited);
    }

    public static Optional<RulesetInForce> parse(String listing) {
        if (!listing.contains("table inet switchboard")) return Optional.empty();
        List<PortSpec> lanOnly = new ArrayList<>();
        List<PortSpec> exposed = new ArrayList<>();
        List<PortSpec> flood = new ArrayList<>();
        for (String line : listing.lines().toList()) {
            if (line.contains("comment \"LAN-only ")) lanOnly.addAll(ports(line));
            else if (line.contains("comment \"expose ")) exposed.addAll(ports(line));
            else if (line.contains("comment \"flood ")) flood.addAll(ports(line));
        }
        Matcher policy = INPUT_POLICY.matcher(listing);
        return Optional.of(new RulesetInForce(lanOnly, exposed, flood, policy.find() && policy.group(1).equals("drop")));
    }

    /** The ports of the first {@code tcp|udp dport} match of a rule; none when the rule does not parse. */
    static List<PortSpec> ports(String rule) {
        Matcher m = DPORT.matcher(rule);
        if (!m.find()) return List.of();
        String ports = m.group(2).replace("{", "").replace("}", "");
        List<PortSpec> specs = new ArrayList<>();
        for (String p : ports.split(",")) {
            String item = p.strip();
            if (item.isEmpty()) continue;
            try {
                specs.addAll(PortSpec.parseList(item + "/" + m.group(1)));
            } catch (IllegalArgumentException e) {
                return List.of();
            }
        }
        return specs;
    }

    /** True when a packet from the WAN to the port is dropped before any service sees it. */
    public boolean dropsFromWan(PortSpec.Protocol protocol, int port) {
        if (lanOnly.stream().anyMatch(s -> s.contains(protocol, port))) return true;
        return stealth && exposed.stream().noneMatch(s -> s.contains(protocol, port));
    }

    public boolean floodLimits(PortSpec.Protocol protocol, int port) {
        return floodLimited.stream().anyMatch(s -> s.contains(protocol, port));
    }
}
