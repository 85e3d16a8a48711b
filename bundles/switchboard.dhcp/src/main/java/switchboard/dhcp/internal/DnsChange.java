package switchboard.dhcp.internal;

import java.net.Inet4Address;

/** A host name to register for a client (address set) or the client's name to remove (address null). */
record DnsChange(String clientKey, String hostname, Inet4Address address) {
    static DnsChange register(Lease lease) {
        return new DnsChange(lease.key(), lease.hostname(), lease.address());
    }

    static DnsChange remove(String clientKey) {
        return new DnsChange(clientKey, "", null);
    }

    boolean removal() {
        return address == null;
    }
}
