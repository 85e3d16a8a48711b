package switchboard.firewall.internal.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.firewall.internal.rules.Exposure;
import switchboard.firewall.internal.rules.FloodLimit;
import switchboard.firewall.internal.rules.PortCatalog;

/** The validated content of PID {@code switchboard.firewall}. */
public record FirewallConfig(FloodLimit flood, List<Exposure> presetExposures, Duration confirmWindow) {
    public static final String PID = "switchboard.firewall";

    public static FirewallConfig parse(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        FloodLimit flood = new FloodLimit(v.integer("flood.rate", 20, 1, 100_000), v.integer("flood.burst", 40, 1, 100_000));
        List<Exposure> presets = new ArrayList<>();
        for (String preset : v.list("presets")) {
            try {
                presets.addAll(PortCatalog.preset(preset));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("presets", e.getMessage());
            }
        }
        Duration confirm = Duration.ofSeconds(v.integer("confirm.seconds", 60, 10, 3600));
        return new FirewallConfig(flood, presets, confirm);
    }

    public static FirewallConfig defaults() {
        try {
            return parse(Map.of());
        } catch (InvalidConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
