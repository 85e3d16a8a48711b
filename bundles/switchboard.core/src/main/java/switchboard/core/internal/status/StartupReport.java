package switchboard.core.internal.status;

import java.util.concurrent.Callable;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.broker.EndpointStatus;
import switchboard.core.internal.home.Home;

/**
 * Gives the launcher its start-up table. Uses only {@link Callable} so the launcher, outside OSGi,
 * can call it; null while etc/ is still being applied; throws when an endpoint could not be bound,
 * which ends start-up.
 */
@Component(service = Callable.class, property = "switchboard.startup.report=true")
public class StartupReport implements Callable<String> {
    private final StatusSnapshot status;
    private final ConfigurationAdmin configurations;
    private final BundleContext context;

    @Activate
    public StartupReport(BundleContext context, @Reference StatusSnapshot status, @Reference ConfigurationAdmin configurations) {
        this.context = context;
        this.status = status;
        this.configurations = configurations;
    }

    @Override
    public String call() {
        if (!EtcApplied.check(Home.root(context).resolve("etc"), configurations)) return null;
        String table = StatusText.services(status);
        for (EndpointStatus e : status.endpoints())
            if (e.state() == EndpointStatus.State.FAILED) throw new IllegalStateException(table + "\n" + e.name() + ": " + e.detail());
        return table;
    }
}
