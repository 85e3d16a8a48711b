package switchboard.dhcp.internal;

import java.net.Inet4Address;

/** Checks whether some host already answers on an address before the server offers it. */
interface AddressProbe {
    boolean inUse(Inet4Address address);

    /** What the probe can do on this host, for the status page. */
    String describe();
}
