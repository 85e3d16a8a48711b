package switchboard.dhcp.internal;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;

/** The administrator's DHCP settings (PID {@code switchboard.dhcp}) as read, before the network model is applied. */
record DhcpSettings(
        boolean enabled,
        String interfaceName,
        int port,
        Optional<Inet4Address> poolStart,
        Optional<Inet4Address> poolEnd,
        int leaseSeconds,
        List<ExtraOption> extraOptions,
        ProbeMode probe,
        int declineHoldSeconds,
        int foreignServerHoldSeconds) {

    static final int DEFAULT_LEASE_SECONDS = 86_400;
    static final int DEFAULT_FOREIGN_SERVER_HOLD_SECONDS = 3_600;

    /** How an address never handed out before is checked before it is offered. */
    enum ProbeMode { NONE, ARP, PING }

    static DhcpSettings read(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        List<ExtraOption> options = new ArrayList<>();
        for (String text : v.list("options")) {
            try {
                options.add(ExtraOption.parse(text));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("options", e.getMessage());
            }
        }
        String probe = v.string("probe", "arp");
        if (!probe.equals("arp") && !probe.equals("ping") && !probe.equals("none"))
            throw new InvalidConfigurationException("probe", "'" + probe + "' is not arp, ping or none");
        return new DhcpSettings(
                v.bool("enabled", true),
                v.string("interface", ""),
                v.port("port", 67),
                optionalAddress(v, "pool.start"),
                optionalAddress(v, "pool.end"),
                v.integer("lease.time", DEFAULT_LEASE_SECONDS, 60, 365 * 86_400),
                List.copyOf(options),
                ProbeMode.valueOf(probe.toUpperCase(Locale.ROOT)),
                v.integer("decline.hold", 3_600, 0, 86_400 * 7),
                v.integer("foreign.server.hold", DEFAULT_FOREIGN_SERVER_HOLD_SECONDS, 10, 86_400 * 7));
    }

    static DhcpSettings defaults() {
        try {
            return read(Map.of());
        } catch (InvalidConfigurationException e) {
            throw new IllegalStateException("the defaults are valid", e);
        }
    }

    private static Optional<Inet4Address> optionalAddress(ConfigValues v, String key) throws InvalidConfigurationException {
        String text = v.string(key, "");
        return text.isEmpty() ? Optional.empty() : Optional.of(v.parsed(key, text, Cidr::parseIpv4));
    }
}
