package switchboard.audit.internal.checks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.broker.SocketBroker;
import switchboard.audit.internal.view.SecurityView;

/**
 * Passwords must never cross the network in clear: AUTH may be offered only after STARTTLS. Asked, as a client
 * would, of Switchboard's own SMTP endpoints and of every mail server a firewall forward makes reachable from
 * the WAN (an office mail server behind the box is as exposed as Switchboard's own).
 */
@Component(property = {HealthCheck.NAME + "=Security: mail AUTH without TLS", HealthCheck.TAGS + "=" + SecurityChecks.TAG})
public class MailAuthCheck implements HealthCheck {
    private static final int OWN_TIMEOUT_MILLIS = 3_000;
    /** Short, so that a forward to a LAN host that is switched off leaves the check within the executor's time (2 s by default). */
    private static final int FORWARD_TIMEOUT_MILLIS = 1_000;
    private final SocketBroker broker;
    private final SecurityView view;

    @Activate
    public MailAuthCheck(@Reference SocketBroker broker, @Reference SecurityView view) {
        this.broker = broker;
        this.view = view;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        log.info("asked the SMTP endpoints and the mail servers forwarded from the WAN for their capabilities as a client would");
        for (String name : List.of("smtp", "submission")) {
            Optional<InetSocketAddress> endpoint = MailEndpoints.find(broker, name);
            if (endpoint.isEmpty()) continue;
            try {
                ask(log, name + " on " + endpoint.get(), endpoint.get(), OWN_TIMEOUT_MILLIS, "a mail bundle that offers AUTH only after STARTTLS");
            } catch (IOException e) {
                log.warn("cannot ask {} on {} for its capabilities: {}", name, endpoint.get(), e.getMessage());
            }
        }
        for (Dictionary<String, Object> config : view.factoryConfigs(SecurityView.FORWARD_FACTORY)) {
            Optional<MailForward> forward = MailForward.of(SecurityView.name(config), SecurityView.text(config.get("ports")),
                    SecurityView.text(config.get("to")));
            if (forward.isEmpty()) continue;
            try {
                ask(log, "the mail server behind " + forward.get(), forward.get().server(), FORWARD_TIMEOUT_MILLIS,
                        "make that server offer AUTH only after STARTTLS, or delete the forward and let users outside send through the VPN");
            } catch (IOException e) {
                log.info("the mail server behind {} does not answer SMTP: {}", forward.get(), e.getMessage());
            }
        }
        return new Result(log);
    }

    private static void ask(FormattingResultLog log, String what, InetSocketAddress server, int timeoutMillis, String fix) throws IOException {
        List<String> keywords = SmtpCapabilities.ehlo(server, timeoutMillis);
        if (keywords.stream().anyMatch(k -> k.startsWith("AUTH")))
            log.warn("{} offers AUTH before STARTTLS: a client set to send its password without encryption "
                    + "sends it in clear. Fix: {}", what, fix);
        else log.info("{} offers AUTH only after STARTTLS{}", what, keywords.contains("STARTTLS") ? "" : " (and offers no STARTTLS)");
    }
}
