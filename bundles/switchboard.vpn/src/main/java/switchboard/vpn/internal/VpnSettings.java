package switchboard.vpn.internal;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;

/** The accepted settings of PID {@code switchboard.vpn}. */
record VpnSettings(boolean enabled, String interfaceName, int listenPort, Cidr address, Optional<String> endpointHost) {
    static final String PID = "switchboard.vpn";
    static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_-]{1,15}");
    static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");

    static VpnSettings defaults() {
        return new VpnSettings(false, "wg0", 51820, Cidr.parse("10.99.0.1/24"), Optional.empty());
    }

    static VpnSettings parse(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        VpnSettings d = defaults();
        boolean enabled = v.bool("enabled", d.enabled());
        String name = v.string("interface", d.interfaceName());
        if (!INTERFACE.matcher(name).matches())
            throw new InvalidConfigurationException("interface", "'" + name + "' is not an interface name (letters, digits, - and _, at most 15)");
        int port = v.port("port", d.listenPort());
        Cidr address = v.parsed("address", d.address().toString(), Cidr::parse);
        if (address.prefixLength() > 30 || address.address().equals(address.network()) || address.address().equals(address.broadcast()))
            throw new InvalidConfigurationException("address", address + " leaves no room for peers: give this box's address in a /30 or larger tunnel network");
        String host = v.string("endpoint", "");
        if (!host.isEmpty() && !HOST.matcher(host).matches())
            throw new InvalidConfigurationException("endpoint", "'" + host + "' is not a host name or address");
        return new VpnSettings(enabled, name, port, address, host.isEmpty() ? Optional.empty() : Optional.of(host));
    }

    Cidr tunnelNetwork() {
        return new Cidr(address.network(), address.prefixLength());
    }
}
