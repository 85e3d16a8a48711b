package switchboard.firewall.internal.config;

import java.net.Inet4Address;
import java.util.Map;
import java.util.function.Function;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;
import switchboard.firewall.internal.rules.Exposure;
import switchboard.firewall.internal.rules.Forward;
import switchboard.firewall.internal.rules.PortRange;

/**
 * Parsing of the factory configurations {@code switchboard.firewall.expose} ({@code ports = 25/tcp}) and
 * {@code switchboard.firewall.forward} ({@code ports = 8022/tcp}, {@code to = 192.168.2.10:22}), one file each:
 * {@code etc/switchboard.firewall.expose-NAME.cfg}, which configuration admin names {@code ...expose~NAME}.
 * The name is the {@code name} key, else the configuration's name after the {@code ~}.
 */
public final class RuleConfigs {
    public static final String EXPOSE_PID = "switchboard.firewall.expose";
    public static final String FORWARD_PID = "switchboard.firewall.forward";

    private RuleConfigs() {}

    public static Exposure exposure(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        String name = name(properties);
        PortRange ports = required(v, "ports", PortRange::parse);
        try {
            return new Exposure(name, ports);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("ports", e.getMessage());
        }
    }

    public static Forward forward(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        String name = name(properties);
        PortRange ports = required(v, "ports", PortRange::parse);
        String to = required(v, "to", s -> s);
        int colon = to.lastIndexOf(':');
        if (colon < 0) throw new InvalidConfigurationException("to", "'" + to + "' is not HOST:PORT (e.g. 192.168.2.10:22)");
        Inet4Address host = v.parsed("to", "", s -> Cidr.parseIpv4(to.substring(0, colon)));
        String port = to.substring(colon + 1);
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9'))
            throw new InvalidConfigurationException("to", "'" + to + "' does not end in a port number");
        try {
            return new Forward(name, ports, host, Integer.parseInt(port));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("ports", e.getMessage());
        }
    }

    private static <T> T required(ConfigValues v, String key, Function<String, T> parser)
            throws InvalidConfigurationException {
        if (v.string(key, "").isEmpty()) throw new InvalidConfigurationException(key, "is missing");
        return v.parsed(key, "", parser);
    }

    /** The PID a problem is reported under: the factory configuration's own PID. */
    public static String pid(Map<String, ?> properties, String factoryPid) {
        Object pid = properties.get("service.pid");
        return pid == null ? factoryPid : pid.toString();
    }

    private static String name(Map<String, ?> properties) {
        ConfigValues v = new ConfigValues(properties);
        String pid = String.valueOf(properties.get("service.pid"));
        int tilde = pid.indexOf('~');
        return v.string("name", tilde < 0 ? "" : pid.substring(tilde + 1));
    }
}
