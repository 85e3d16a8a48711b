package switchboard.firewall.internal.rules;

import java.util.regex.Pattern;

/** One of the box's own services opened on the WAN side. */
public record Exposure(String name, PortRange ports) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");

    public Exposure {
        if (!validName(name))
            throw new IllegalArgumentException("'" + name + "' is not a name (letters, digits, . _ -; at most 32)");
        WanRefusal.check(ports, "exposing");
    }

    /** Letters, digits, {@code . _ -}, at most 32: safe in a file name and an nftables comment. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
