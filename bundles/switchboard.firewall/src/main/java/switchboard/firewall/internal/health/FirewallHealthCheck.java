package switchboard.firewall.internal.health;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.firewall.internal.apply.Firewall;
import switchboard.firewall.internal.apply.FirewallStatus;

/** Critical when the last ruleset was refused (the one before it is still in force). */
@Component(property = {HealthCheck.NAME + "=Switchboard firewall", HealthCheck.TAGS + "=switchboard"})
public class FirewallHealthCheck implements HealthCheck {
    private final Firewall firewall;

    @Activate
    public FirewallHealthCheck(@Reference Firewall firewall) {
        this.firewall = firewall;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        FirewallStatus status = firewall.status();
        if (status.error().isPresent()) log.critical("{}", status.error().get());
        else if (status.appliedAt().isPresent()) log.info("mode {} applied at {}{}", status.policy().map(p -> p.mode().key()).orElse("?"),
                status.appliedAt().get(), status.dryRun() ? " (dry run)" : "");
        else log.info("ruleset in force since an earlier run");
        return new Result(log);
    }
}
