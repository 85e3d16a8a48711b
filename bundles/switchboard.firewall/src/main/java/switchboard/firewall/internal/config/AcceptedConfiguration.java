package switchboard.firewall.internal.config;

import java.util.Map;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.InvalidConfigurationException;

/** Parses a factory configuration, clearing or reporting its problem; a refused one fails the component's activation. */
final class AcceptedConfiguration {
    interface Parser<T> {
        T parse(Map<String, ?> properties) throws InvalidConfigurationException;
    }

    private AcceptedConfiguration() {}

    static <T> T parse(ConfigProblems problems, Map<String, Object> properties, String factoryPid, Parser<T> parser)
            throws InvalidConfigurationException {
        String pid = RuleConfigs.pid(properties, factoryPid);
        try {
            T value = parser.parse(properties);
            problems.clear(pid);
            return value;
        } catch (InvalidConfigurationException e) {
            problems.report(pid, e);
            throw e;
        }
    }
}
