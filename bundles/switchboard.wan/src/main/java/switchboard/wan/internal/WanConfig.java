package switchboard.wan.internal;

import java.util.Map;
import java.util.regex.Pattern;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;

/** The validated content of PID {@code switchboard.wan}, shared by the interface and the DHCP client. */
record WanConfig(String interfaceName) {
    static final String PID = "switchboard.wan";
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9._@-]{1,15}");

    static WanConfig read(Map<String, Object> properties) throws InvalidConfigurationException {
        String name = new ConfigValues(properties).string("interface", "");
        if (!name.isEmpty() && !INTERFACE.matcher(name).matches())
            throw new InvalidConfigurationException("interface", "'" + name + "' is not an interface name");
        return new WanConfig(name);
    }
}
