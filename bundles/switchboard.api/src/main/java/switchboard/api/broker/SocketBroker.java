package switchboard.api.broker;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The endpoints core owns on behalf of the capability bundles. */
@ProviderType
public interface SocketBroker {
    List<EndpointStatus> endpoints();
}
