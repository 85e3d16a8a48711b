package switchboard.core.internal.health;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.broker.EndpointStatus;
import switchboard.api.broker.SocketBroker;

/** Critical when an endpoint cannot be bound; a warning while one waits for its handler. */
@Component(property = {HealthCheck.NAME + "=Switchboard endpoints", HealthCheck.TAGS + "=switchboard"})
public class EndpointsHealthCheck implements HealthCheck {
    private final SocketBroker broker;

    @Activate
    public EndpointsHealthCheck(@Reference SocketBroker broker) {
        this.broker = broker;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        for (EndpointStatus e : broker.endpoints()) {
            String what = e.name() + " " + e.protocol() + " " + e.address() + ":" + e.port();
            switch (e.state()) {
                case SERVING -> log.info("{} serving (handled {}, dropped {})", what, e.handled(), e.dropped());
                case WAITING -> log.warn("{} is waiting for its handler (bundle being updated or stopped)", what);
                case FAILED -> log.critical("{}: {}", what, e.detail());
            }
        }
        if (broker.endpoints().isEmpty()) log.info("no endpoints open");
        return new Result(log);
    }
}
