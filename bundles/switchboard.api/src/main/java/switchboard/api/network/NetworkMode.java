package switchboard.api.network;

/** How the box connects the office LAN to the WAN. */
public enum NetworkMode {
    /** No forwarding, no NAT: the box is a host on the LAN. */
    LAN_ONLY("lan-only"),
    /** Forwarding between LAN and WAN without NAT or filtering. */
    ROUTER("router"),
    /** Stateful firewall with NAT; the box's own public services answer on the WAN. */
    NAT("nat"),
    /** As {@link #NAT}, and the box's own WAN side is stealthed: only exposed ports answer. */
    NAT_DMZ("nat-dmz");

    private final String key;

    NetworkMode(String key) {
        this.key = key;
    }

    /** The name used in configuration files. */
    public String key() {
        return key;
    }

    /** True in the modes where the box is the office's gateway and DNS server. */
    public boolean routes() {
        return this != LAN_ONLY;
    }

    public static NetworkMode fromKey(String key) {
        for (NetworkMode m : values()) if (m.key.equals(key)) return m;
        throw new IllegalArgumentException("'" + key + "' is not one of lan-only, router, nat, nat-dmz");
    }
}
