package switchboard.audit.internal.checks;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.audit.internal.view.Listener;
import switchboard.audit.internal.view.PortSpec;
import switchboard.audit.internal.view.SecurityView;

/**
 * WAN services not in use should be closed, and mailbox access from the WAN belongs on non-standard ports
 * (scanners try the standard ones first). Exposures are compared with the sockets the kernel has open.
 */
@Component(property = {HealthCheck.NAME + "=Security: WAN services", HealthCheck.TAGS + "=" + SecurityChecks.TAG})
public class WanServicesCheck implements HealthCheck {
    /** Mailbox and submission ports scanners try first; SMTP 25 must stay standard to receive mail. */
    static final Map<Integer, String> STANDARD_MAIL_PORTS = Map.of(110, "POP3", 995, "POP3S", 143, "IMAP", 993, "IMAPS",
            587, "submission", 465, "SMTPS");

    private final SecurityView view;

    @Activate
    public WanServicesCheck(@Reference SecurityView view) {
        this.view = view;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        List<Listener> listeners = view.listeners();
        List<String> fine = new ArrayList<>();
        for (Dictionary<String, Object> config : view.factoryConfigs(SecurityView.EXPOSE_FACTORY)) {
            String name = SecurityView.name(config);
            for (PortSpec spec : SecurityView.ports(config)) {
                // a range is media (RTP) whose sockets open per call: only single ports must have a listener
                boolean unused = spec.from() == spec.to() && listeners.stream()
                        .noneMatch(l -> spec.contains(l.protocol(), l.port()) && view.onWanAddress(l));
                if (unused) log.warn("{} exposes {} but nothing listens there on the WAN side. Fix: remove the exposure (fw:unexpose)", name, spec);
                String standard = spec.from() == spec.to() ? STANDARD_MAIL_PORTS.get(spec.from()) : null;
                if (standard != null && spec.protocol() == PortSpec.Protocol.TCP)
                    log.warn("{} exposes {} on its standard port {}: move it to a non-standard port (and tell the users)", name, standard, spec);
                if (!unused && standard == null) fine.add(spec.toString());
            }
        }
        if (!fine.isEmpty()) log.info("exposed and served: {}", String.join(", ", fine));
        else log.info("no other exposures");
        return new Result(log);
    }
}
