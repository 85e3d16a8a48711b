package switchboard.dns.internal;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.network.NetworkModel;
import switchboard.dns.internal.server.DnsSettings;
import switchboard.dns.internal.zone.ZoneSnapshot;

/**
 * The zone served, and whether names outside it can be resolved. No upstream yet is the state of a fresh
 * installation (no wan.dns), so it is reported, not warned about.
 */
@Component(property = {HealthCheck.NAME + "=Switchboard DNS", HealthCheck.TAGS + "=switchboard"})
public class DnsHealthCheck implements HealthCheck {
    private final OfficeZoneComponent zone;
    private final DnsServerComponent server;
    private final NetworkModel network;

    @Activate
    public DnsHealthCheck(@Reference OfficeZoneComponent zone, @Reference DnsServerComponent server, @Reference NetworkModel network) {
        this.zone = zone;
        this.server = server;
        this.network = network;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        ZoneSnapshot snapshot = zone.zone().snapshot();
        DnsSettings settings = server.server().settings();
        log.info("zone {} serial {}, {} records, on {}:{}", snapshot.origin(), snapshot.serial(), snapshot.entries().size(),
                settings.address(), settings.port());
        if (!settings.forwarding()) log.info("stand-alone: names outside the zone are NXDOMAIN");
        else if (settings.forwarders().isEmpty() && network.current().wanDns().isEmpty())
            log.info("no upstream server yet: names outside the zone get SERVFAIL (set {} forwarders.primary, or wan.dns of {})",
                    DnsSettings.PID, NetworkModel.PID);
        return new Result(log);
    }
}
