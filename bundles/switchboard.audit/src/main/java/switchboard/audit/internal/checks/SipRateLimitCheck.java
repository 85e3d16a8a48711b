package switchboard.audit.internal.checks;

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
 * A registrar on the Internet is scanned and brute-forced within hours. When it answers the WAN, the firewall's
 * flood limit must be in force for its port and the registrar must drop sources that keep failing.
 */
@Component(property = {HealthCheck.NAME + "=Security: SIP rate limiting", HealthCheck.TAGS + "=" + SecurityChecks.TAG})
public class SipRateLimitCheck implements HealthCheck {
    static final String PID = "switchboard.sip";
    /** More failed digests than this per minute and source is a password-guessing rate, not a misconfigured phone. */
    static final int MAX_FAILURES_PER_MINUTE = 30;

    private final SecurityView view;

    @Activate
    public SipRateLimitCheck(@Reference SecurityView view) {
        this.view = view;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        int port = view.number(PID, "port", 5060);
        Optional<RulesetInForce> ruleset = view.ruleset();
        List<Listener> reachable = view.listeners().stream()
                .filter(l -> l.protocol() == PortSpec.Protocol.UDP && l.port() == port && view.reachableFromWan(l, ruleset)).toList();
        if (reachable.isEmpty()) {
            log.info("the registrar (port {}) does not answer the WAN", port);
            return new Result(log);
        }
        if (ruleset.filter(r -> r.floodLimits(PortSpec.Protocol.UDP, port)).isEmpty())
            log.warn("SIP on {} answers the WAN without a flood limit in the firewall. Fix: mode nat-dmz with the port exposed "
                    + "(presets = phone in etc/switchboard.firewall.cfg), which limits new requests per source", reachable.get(0));
        int failures = view.number(PID, "failures.per.minute", 10);
        if (failures > MAX_FAILURES_PER_MINUTE)
            log.warn("failures.per.minute = {} in etc/switchboard.sip.cfg lets a source guess {} passwords a minute. Fix: {} or less",
                    failures, failures, MAX_FAILURES_PER_MINUTE);
        log.info("SIP answers the WAN on {}; failed logins also count towards the shared per-address throttle", reachable.get(0));
        return new Result(log);
    }
}
