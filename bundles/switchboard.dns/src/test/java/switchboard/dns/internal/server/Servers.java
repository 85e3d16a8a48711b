package switchboard.dns.internal.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import switchboard.api.network.Cidr;
import switchboard.dns.internal.zone.Networks;
import switchboard.dns.internal.zone.OfficeZone;
import switchboard.dns.internal.zone.ZoneStateFile;

/** The DNS server's protocol layer over a real office zone (example.com) and, optionally, a forwarder. */
final class Servers implements AutoCloseable {
    final OfficeZone zone;
    final DnsStats stats = new DnsStats();
    final ResponseCache cache;
    final WireProtocol protocol;
    final QueryEngine engine;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Forwarder forwarder;

    Servers(Path data, Map<String, ?> config) throws Exception {
        zone = new OfficeZone(new ZoneStateFile(data), Clock.systemUTC(), Networks.office("example.com", "203.0.113.10"), Runnable::run);
        DnsSettings settings = DnsSettings.from(config);
        cache = new ResponseCache(settings.cacheSize(), System::nanoTime);
        forwarder = settings.forwarding() ? new Forwarder(settings::forwarders, settings.forwardTimeoutMillis(), timer) : null;
        engine = new QueryEngine(zone::snapshot, () -> new ClientPolicy(Cidr.parse("192.168.2.254/24"), settings.internalNetworks()),
                settings, cache, forwarder, stats);
        protocol = new WireProtocol(engine, stats);
    }

    @Override
    public void close() throws Exception {
        if (forwarder != null) forwarder.close();
        timer.shutdownNow();
    }
}
