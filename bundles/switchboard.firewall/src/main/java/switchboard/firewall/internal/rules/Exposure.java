package switchboard.firewall.internal.rules;

import java.util.regex.Pattern;

/** One of the box's own services opened on the WAN side. */
public record Exposure(String name, PortRange ports) {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");

    public Exposure {
        if (name == null || !NAME.matcher(name).matches())
            throw new IllegalArgumentException("'" + name + "' is not a name (letters, digits, . _ -; at most 32)");
        WanRefusal.check(ports, "exposing");
    }
}
