package switchboard.audit.internal.checks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.broker.SocketBroker;

/** Passwords must never cross the network in clear: AUTH may be offered only after STARTTLS. Asked of the live servers. */
@Component(property = {HealthCheck.NAME + "=Security: mail AUTH without TLS", HealthCheck.TAGS + "=" + SecurityChecks.TAG})
public class MailAuthCheck implements HealthCheck {
    private final SocketBroker broker;

    @Activate
    public MailAuthCheck(@Reference SocketBroker broker) {
        this.broker = broker;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        log.info("asked the SMTP endpoints for their capabilities as a client would");
        for (String name : List.of("smtp", "submission")) {
            Optional<InetSocketAddress> endpoint = MailEndpoints.find(broker, name);
            if (endpoint.isEmpty()) continue;
            try {
                List<String> keywords = SmtpCapabilities.ehlo(endpoint.get());
                if (keywords.stream().anyMatch(k -> k.startsWith("AUTH")))
                    log.warn("{} on {} offers AUTH before STARTTLS: a client set to send its password without encryption does so, "
                            + "in clear, before it is refused. Fix: a mail bundle that offers AUTH only after STARTTLS", name, endpoint.get());
                else log.info("{} on {} offers AUTH only after STARTTLS{}", name, endpoint.get(),
                        keywords.contains("STARTTLS") ? "" : " (and offers no STARTTLS)");
            } catch (IOException e) {
                log.warn("cannot ask {} on {} for its capabilities: {}", name, endpoint.get(), e.getMessage());
            }
        }
        return new Result(log);
    }
}
