package switchboard.firewall.internal.config;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.firewall.internal.rules.Exposure;

/**
 * One {@code switchboard.firewall.expose} configuration (file {@code etc/switchboard.firewall.expose-NAME.cfg}). Without a modified method, a change
 * replaces the component, so the firewall sees the old exposure go and the new one come.
 */
@Component(service = ExposureConfiguration.class, configurationPid = RuleConfigs.EXPOSE_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class ExposureConfiguration {
    private final Exposure exposure;

    @Activate
    public ExposureConfiguration(@Reference ConfigProblems problems, Map<String, Object> properties) throws InvalidConfigurationException {
        this.exposure = AcceptedConfiguration.parse(problems, properties, RuleConfigs.EXPOSE_PID, RuleConfigs::exposure);
    }

    public Exposure exposure() {
        return exposure;
    }
}
