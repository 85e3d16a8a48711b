package switchboard.wan.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ip} commands that take the WAN interface from its current state (as {@code ip -4 -o addr show}
 * and {@code ip -4 route show default} print it) to the target, and nothing more: a state that is already
 * right gives no command, so re-applying (after an update of this bundle) never disturbs traffic.
 */
final class WanCommands {
    private static final Pattern GLOBAL_ADDRESS = Pattern.compile("\\binet (\\d{1,3}(?:\\.\\d{1,3}){3}/\\d{1,2}) .*\\bscope global\\b");

    private WanCommands() {}

    static List<List<String>> plan(WanTarget target, String addressListing, String defaultRouteListing) {
        String dev = target.interfaceName();
        List<List<String>> commands = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (String line : addressListing.split("\n")) {
            Matcher m = GLOBAL_ADDRESS.matcher(line);
            if (m.find()) present.add(m.group(1));
        }
        String wanted = target.address().map(Object::toString).orElse(null);
        for (String address : present)
            if (!address.equals(wanted)) commands.add(List.of("ip", "addr", "del", address, "dev", dev));
        if (wanted != null && !present.contains(wanted)) commands.add(List.of("ip", "addr", "add", wanted, "dev", dev));
        target.gateway().ifPresent(gateway -> {
            String route = "default via " + gateway.getHostAddress() + " dev " + dev;
            if (defaultRouteListing.lines().map(String::strip).noneMatch(l -> l.equals(route) || l.startsWith(route + " ")))
                commands.add(List.of("ip", "route", "replace", "default", "via", gateway.getHostAddress(), "dev", dev));
        });
        return commands;
    }
}
