package switchboard.dns.internal.zone;

import java.util.Map;

/** What survives restarts and bundle updates: the last SOA serial and the DHCP clients' names, by client id. */
record ZoneState(long serial, Map<String, DynamicHost> hosts) {
    ZoneState {
        hosts = Map.copyOf(hosts);
    }
}
