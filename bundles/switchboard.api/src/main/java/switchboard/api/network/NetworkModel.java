package switchboard.api.network;

import java.net.Inet4Address;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The office network model, configured by PID {@code switchboard.network}. */
@ProviderType
public interface NetworkModel {
    String PID = "switchboard.network";

    NetworkSettings current();

    /**
     * Records the WAN address learnt at run time (by the WAN DHCP client) without editing the
     * configuration; only effective while {@code wan.mode=dhcp}. An empty address forgets the lease.
     * DNS servers and the domain are never learnt from the ISP.
     */
    void learnWan(Optional<Cidr> address, Optional<Inet4Address> gateway);
}
