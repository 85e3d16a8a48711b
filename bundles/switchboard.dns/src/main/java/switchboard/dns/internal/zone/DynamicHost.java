package switchboard.dns.internal.zone;

import java.net.Inet4Address;

/** A LAN client's host name (one label below the apex) registered by the DHCP server. */
public record DynamicHost(String clientId, String label, Inet4Address address) {}
