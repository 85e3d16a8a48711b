package switchboard.dns.internal.server;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;

/**
 * The DNS server's configuration (PID {@code switchboard.dns}), checked as a whole.
 *
 * @param forwarders       the PID's own primary and secondary; empty: the network model's {@code wan.dns}
 * @param internalNetworks sources that may recurse besides the LAN: loopback and VPN networks
 * @param secondaries      servers that may transfer the zone (AXFR) and are sent NOTIFY on change
 */
public record DnsSettings(String address, int port, boolean forwarding, List<InetSocketAddress> forwarders,
        boolean singleView, List<Cidr> internalNetworks, List<InetSocketAddress> secondaries, int cacheSize,
        int forwardTimeoutMillis) {
    public static final String PID = "switchboard.dns";

    public static DnsSettings from(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        String address = v.parsed("address", "127.0.0.1", s -> Cidr.parseIpv4(s).getHostAddress());
        int port = v.port("port", 1053);
        List<InetSocketAddress> forwarders = new ArrayList<>();
        for (String key : List.of("forwarders.primary", "forwarders.secondary")) {
            String text = v.string(key, "");
            if (!text.isEmpty()) forwarders.add(v.parsed(key, text, ServerAddress::parse));
        }
        String views = v.string("views", "split");
        if (!views.equals("split") && !views.equals("single"))
            throw new InvalidConfigurationException("views", "'" + views + "' is not split or single");
        List<Cidr> internal = new ArrayList<>();
        for (String cidr : v.list("internal.networks").isEmpty() ? List.of("127.0.0.0/8") : v.list("internal.networks"))
            internal.add(parse("internal.networks", cidr, Cidr::parse));
        List<InetSocketAddress> secondaries = new ArrayList<>();
        for (String s : v.list("secondaries")) secondaries.add(parse("secondaries", s, ServerAddress::parse));
        return new DnsSettings(address, port, v.bool("forwarders.enabled", true), List.copyOf(forwarders),
                views.equals("single"), List.copyOf(internal), List.copyOf(secondaries),
                v.integer("cache.size", 10000, 0, 1_000_000), v.integer("forwarders.timeout.ms", 1500, 50, 30000));
    }

    private static <T> T parse(String key, String text, java.util.function.Function<String, T> parser) throws InvalidConfigurationException {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, e.getMessage());
        }
    }
}
