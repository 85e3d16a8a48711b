package switchboard.api.network;

/** How the WAN interface gets its address. */
public enum WanMode {
    STATIC("static"),
    DHCP("dhcp");

    private final String key;

    WanMode(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static WanMode fromKey(String key) {
        for (WanMode m : values()) if (m.key.equals(key)) return m;
        throw new IllegalArgumentException("'" + key + "' is not one of static, dhcp");
    }
}
