package switchboard.firewall.internal.config;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.firewall.internal.rules.Forward;

/** One {@code switchboard.firewall.forward} configuration (file {@code etc/switchboard.firewall.forward-NAME.cfg}); replaced as a whole on change, like {@link ExposureConfiguration}. */
@Component(service = ForwardConfiguration.class, configurationPid = RuleConfigs.FORWARD_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class ForwardConfiguration {
    private final Forward forward;
    private final String pid;

    @Activate
    public ForwardConfiguration(@Reference ConfigProblems problems, Map<String, Object> properties) throws InvalidConfigurationException {
        this.forward = AcceptedConfiguration.parse(problems, properties, RuleConfigs.FORWARD_PID, RuleConfigs::forward);
        this.pid = RuleConfigs.pid(properties, RuleConfigs.FORWARD_PID);
    }

    /** The PID a problem with this forward is reported under. */
    public String pid() {
        return pid;
    }

    public Forward forward() {
        return forward;
    }
}
