package switchboard.mail.internal.admin;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.mail.internal.MailServer;

/** The security audit's view of the relay rules: a warning while WAN clients may relay. */
@Component(property = {HealthCheck.NAME + "=Mail relay", HealthCheck.TAGS + "=switchboard", HealthCheck.TAGS + "=security"})
public class RelayHealthCheck implements HealthCheck {
    private final MailServer mail;

    @Activate
    public RelayHealthCheck(@Reference MailServer mail) {
        this.mail = mail;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        if (mail.settings().relayFromWan())
            log.warn("relay.wan=true in switchboard.mail: anyone on the WAN may send mail through this box (an open relay)");
        else log.info("mail for other domains is relayed for LAN, loopback and authenticated users only");
        return new Result(log);
    }
}
