package switchboard.audit.internal.checks;

import java.net.InetAddress;
import java.util.Optional;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.network.NetworkMode;
import switchboard.audit.internal.view.RulesetInForce;
import switchboard.audit.internal.view.SecurityView;

/**
 * With a live WAN the box should be a NAT firewall with stealth DMZ: only exposed ports answer, ping does
 * not. Other modes, or a stealth mode the kernel does not enforce, show the box to the Internet.
 */
@Component(property = {HealthCheck.NAME + "=Security: network mode and ping on the WAN", HealthCheck.TAGS + "=" + SecurityChecks.TAG})
public class NetworkModeCheck implements HealthCheck {
    private final SecurityView view;

    @Activate
    public NetworkModeCheck(@Reference SecurityView view) {
        this.view = view;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        NetworkMode mode = view.network().mode();
        Optional<InetAddress> wan = view.liveWanAddress();
        if (wan.isEmpty()) {
            log.info("no WAN interface is up (mode {})", mode.key());
            return new Result(log);
        }
        String where = "the WAN address " + wan.get().getHostAddress();
        if (mode != NetworkMode.NAT_DMZ)
            log.warn("mode {} while {} is up: {}. Fix: mode = nat-dmz in etc/switchboard.network.cfg (or fw:mode nat-dmz)", mode.key(), where,
                    mode == NetworkMode.ROUTER ? "the LAN is routed to the Internet unfiltered" : "the box's own services answer on the WAN");
        Optional<RulesetInForce> ruleset = view.ruleset();
        if (ruleset.filter(RulesetInForce::stealth).isEmpty())
            log.warn("{} answers ping{}. Fix: mode nat-dmz (stealth) with the firewall applied", where,
                    ruleset.isEmpty() ? " (no Switchboard firewall table in the kernel)" : "");
        else if (mode == NetworkMode.NAT_DMZ) log.info("mode nat-dmz in force on {}: no ping answer, only exposed ports", where);
        return new Result(log);
    }
}
