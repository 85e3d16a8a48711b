package switchboard.api.vpn;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: told the tunnel in force when it is registered and after every change of the VPN
 * configuration; empty means the VPN is switched off. A VPN bundle that merely stops (to be updated) says
 * nothing, because its tunnel stays up: a listener keeps the last tunnel it was told of.
 */
@ConsumerType
public interface TunnelListener {
    void tunnelChanged(Optional<Tunnel> tunnel);
}
