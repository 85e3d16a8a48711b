package switchboard.core.internal.health;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.config.ConfigProblem;
import switchboard.api.config.ConfigProblems;

/** A warning for each configuration that was refused and is running on its last good version. */
@Component(property = {HealthCheck.NAME + "=Switchboard configuration", HealthCheck.TAGS + "=switchboard"})
public class ConfigurationHealthCheck implements HealthCheck {
    private final ConfigProblems problems;

    @Activate
    public ConfigurationHealthCheck(@Reference ConfigProblems problems) {
        this.problems = problems;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        for (ConfigProblem p : problems.current()) log.warn("{} (running on the last good configuration)", p);
        if (problems.current().isEmpty()) log.info("every configuration was accepted");
        return new Result(log);
    }
}
