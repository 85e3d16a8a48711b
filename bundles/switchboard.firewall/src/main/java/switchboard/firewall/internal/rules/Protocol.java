package switchboard.firewall.internal.rules;

/** The transport protocols a port rule names. */
public enum Protocol {
    TCP, UDP;

    /** The name nftables and configuration files use. */
    public String key() {
        return name().toLowerCase();
    }

    public static Protocol fromKey(String key) {
        for (Protocol p : values()) if (p.key().equals(key)) return p;
        throw new IllegalArgumentException("'" + key + "' is not tcp or udp");
    }
}
