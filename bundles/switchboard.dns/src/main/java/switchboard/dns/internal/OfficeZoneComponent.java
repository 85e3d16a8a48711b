package switchboard.dns.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Dictionary;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.dns.DynamicHostnames;
import switchboard.api.dns.Registration;
import switchboard.api.network.NetworkListener;
import switchboard.api.network.NetworkModel;
import switchboard.api.network.NetworkSettings;
import switchboard.dns.internal.zone.OfficeZone;
import switchboard.dns.internal.zone.StaticRecord;
import switchboard.dns.internal.zone.ZoneStateFile;

/**
 * Holds the office zone and feeds it: the network model's settings, the admin's static records
 * (factory PID {@code switchboard.dns.record}, one configuration per record) and the DHCP server's
 * host names. State lives in {@code data/dns}. Immediate: activated once at start, never on demand from
 * the configuration admin's or the network model's notification thread.
 */
@Component(service = {OfficeZoneComponent.class, DynamicHostnames.class, NetworkListener.class, ManagedServiceFactory.class},
        property = Constants.SERVICE_PID + "=" + StaticRecord.FACTORY_PID, immediate = true)
public class OfficeZoneComponent implements DynamicHostnames, NetworkListener, ManagedServiceFactory {
    /** How long changes of static records gather before they become one new version of the zone. */
    private static final long SETTLE_MILLIS = 200;
    private final ConfigProblems problems;
    private final OfficeZone zone;
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-dns-zone");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public OfficeZoneComponent(@Reference NetworkModel network, @Reference ConfigProblems problems, BundleContext context) throws IOException {
        this.problems = problems;
        Path data = Path.of(context.getProperty("switchboard.home"), "data", "dns");
        this.zone = new OfficeZone(new ZoneStateFile(data), Clock.systemDefaultZone(), network.current(),
                publish -> publisher.schedule(publish, SETTLE_MILLIS, TimeUnit.MILLISECONDS));
    }

    @Deactivate
    void deactivate() {
        publisher.shutdownNow();
    }

    public OfficeZone zone() {
        return zone;
    }

    @Override
    public void networkChanged(NetworkSettings settings) {
        zone.network(settings);
    }

    @Override
    public String getName() {
        return "Switchboard DNS records";
    }

    @Override
    public void updated(String pid, Dictionary<String, ?> properties) {
        Map<String, Object> map = new HashMap<>();
        for (var keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            map.put(key, properties.get(key));
        }
        try {
            zone.putStatic(pid, map);
            problems.clear(pid);
        } catch (InvalidConfigurationException e) {
            problems.report(pid, e);
        }
    }

    @Override
    public void deleted(String pid) {
        problems.clear(pid);
        zone.removeStatic(pid);
    }

    @Override
    public Registration register(String hostname, Inet4Address address, String clientId) {
        return zone.register(hostname, address, clientId);
    }

    @Override
    public void unregister(String clientId) {
        zone.unregister(clientId);
    }

    @Override
    public Map<String, String> registrations() {
        return zone.registrations();
    }
}
