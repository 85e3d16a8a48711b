package switchboard.audit.internal.checks;

import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.audit.internal.view.Listener;
import switchboard.audit.internal.view.PortSpec;
import switchboard.audit.internal.view.RulesetInForce;
import switchboard.audit.internal.view.SecurityView;

/**
 * The web console (and with it the web shell) must never answer from the WAN. Judged from the sockets the
 * kernel has open on the console's port and the firewall table in force, and from any exposure or forward
 * of the console port in the configuration.
 */
@Component(property = {HealthCheck.NAME + "=Security: console reachable from the WAN", HealthCheck.TAGS + "=" + SecurityChecks.TAG})
public class ConsoleExposureCheck implements HealthCheck {
    private final SecurityView view;

    @Activate
    public ConsoleExposureCheck(@Reference SecurityView view) {
        this.view = view;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        int port = view.consolePort();
        Optional<RulesetInForce> ruleset = view.ruleset();
        List<Listener> console = view.listeners().stream().filter(l -> l.protocol() == PortSpec.Protocol.TCP && l.port() == port).toList();
        boolean critical = false;
        for (Listener l : console) {
            if (!view.onWanAddress(l)) continue;
            if (view.reachableFromWan(l, ruleset)) {
                critical = true;
                log.critical("the console listens on {} and no firewall rule in force drops it on the WAN ({}). Fix: set "
                        + "org.apache.felix.http.host to the LAN address in etc/org.apache.felix.http.cfg, and administer from outside through the VPN",
                        l, ruleset.isPresent() ? "port " + port + " is not among the LAN-only ports" : "no Switchboard firewall table in the kernel");
            } else if (view.liveWanAddress().isPresent()) {
                log.info("the console listens on {}; the firewall in force drops port {} from the WAN", l, port);
            } else {
                log.warn("the console listens on {} (all addresses); no WAN interface is up now, but it would answer on one without "
                        + "the firewall. Fix: set org.apache.felix.http.host to the LAN address", l);
            }
        }
        for (String factory : List.of(SecurityView.EXPOSE_FACTORY, SecurityView.FORWARD_FACTORY))
            for (Dictionary<String, Object> config : view.factoryConfigs(factory))
                if (SecurityView.ports(config).stream().anyMatch(p -> p.contains(PortSpec.Protocol.TCP, port))) {
                    critical = true;
                    log.critical("{} opens the console port {} to the WAN. Fix: delete it; administer from outside through the VPN",
                            SecurityView.name(config), port);
                }
        if (!critical && console.stream().noneMatch(view::onWanAddress))
            log.info("the console listens only on {}", String.join(", ", console.stream().map(Listener::toString).toList()));
        return new Result(log);
    }
}
