package switchboard.core.internal.status;

import java.util.concurrent.Callable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.broker.EndpointStatus;

/**
 * Gives the launcher its start-up table. Uses only {@link Callable} so the launcher, outside OSGi,
 * can call it; throws when an endpoint could not be bound, which ends start-up.
 */
@Component(service = Callable.class, property = "switchboard.startup.report=true")
public class StartupReport implements Callable<String> {
    private final StatusSnapshot status;

    @Activate
    public StartupReport(@Reference StatusSnapshot status) {
        this.status = status;
    }

    @Override
    public String call() {
        String table = StatusText.services(status);
        for (EndpointStatus e : status.endpoints())
            if (e.state() == EndpointStatus.State.FAILED) throw new IllegalStateException(table + "\n" + e.name() + ": " + e.detail());
        return table;
    }
}
