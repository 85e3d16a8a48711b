package switchboard.api.dns;

import java.net.Inet4Address;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Host names of LAN clients in the office zone, registered by the DHCP server on ACK and removed on
 * release or expiry. The set is persistent: it survives restarts and updates of the DNS bundle. A
 * client is identified by the DHCP lease key (client identifier or MAC), so a client may rename itself.
 */
@ProviderType
public interface DynamicHostnames {
    /** Registers {@code hostname.<domain>} (one label, as sent in DHCP option 12 or 81) for the client. */
    Registration register(String hostname, Inet4Address address, String clientId);

    /** Removes whatever name the client holds; nothing happens when it holds none. */
    void unregister(String clientId);

    /** The current registrations, client id to host name. */
    Map<String, String> registrations();
}
