package switchboard.api.broker;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The endpoints core owns on behalf of the capability bundles. */
@ProviderType
public interface SocketBroker {
    List<EndpointStatus> endpoints();

    /**
     * The sender of a bound UDP endpoint, for a handler that speaks first (a DHCP client sends before it
     * receives anything). {@code interfaceName} is empty for an endpoint not tied to an interface.
     * Empty while no such endpoint is bound.
     */
    Optional<DatagramSender> datagramSender(String address, int port, String interfaceName);
}
