package switchboard.vpn.internal;

import java.util.Optional;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkModel;

/**
 * Part of the security audit: warns about peers that never made a handshake (a forgotten device or a wrong
 * key keeps an open door nobody uses) and, when this box is itself behind NAT, about sites without keepalive
 * (the NAT forgets the mapping and the site cannot reach us until we send first).
 */
@Component(property = {HealthCheck.NAME + "=Switchboard VPN", HealthCheck.TAGS + "=switchboard", HealthCheck.TAGS + "=security"})
public class VpnHealthCheck implements HealthCheck {
    private static final Cidr[] PRIVATE = {Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16"),
            Cidr.parse("100.64.0.0/10")};
    private final Vpn vpn;
    private final NetworkModel network;

    @Activate
    public VpnHealthCheck(@Reference Vpn vpn, @Reference NetworkModel network) {
        this.vpn = vpn;
        this.network = network;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        if (!vpn.settings().enabled()) {
            log.info("the VPN is off");
            return new Result(log);
        }
        if (!vpn.lastError().isEmpty()) log.warn("the tunnel is not as configured: {}", vpn.lastError());
        Optional<WgDump.Interface> status = vpn.status();
        boolean behindNat = network.current().wanAddress().map(a -> isPrivate(a.address())).orElse(true);
        for (Peer p : vpn.peers()) {
            Optional<WgDump.PeerStatus> s = status.flatMap(i -> i.peer(p.publicKey()));
            if (status.isPresent() && s.flatMap(WgDump.PeerStatus::latestHandshake).isEmpty())
                log.warn("peer {} has never made a handshake: remove it if it is no longer used", p.name());
            if (p.kind() == PeerKind.SITE && p.keepalive() == 0 && behindNat)
                log.warn("site {} has no keepalive while this box is behind NAT (WAN address private or unknown): set keepalive = 25", p.name());
        }
        log.info("{} peers on {} port {}", vpn.peers().size(), vpn.settings().interfaceName(), vpn.settings().listenPort());
        return new Result(log);
    }

    private static boolean isPrivate(java.net.Inet4Address address) {
        for (Cidr c : PRIVATE) if (c.contains(address)) return true;
        return false;
    }
}
