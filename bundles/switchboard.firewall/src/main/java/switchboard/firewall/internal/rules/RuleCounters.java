package switchboard.firewall.internal.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packet counters of the commented rules in an {@code nft list table} listing, by comment. */
public final class RuleCounters {
    private static final Pattern COUNTED = Pattern.compile("counter packets (\\d{1,19}) bytes (\\d{1,19}) .*comment \"([^\"]{1,64})\"");

    public record Count(long packets, long bytes) {}

    private RuleCounters() {}

    /** Lines without a counter and a comment are skipped; a repeated comment adds up. */
    public static Map<String, Count> parse(String listing) {
        Map<String, Count> counts = new LinkedHashMap<>();
        for (String line : listing.split("\n")) {
            Matcher m = COUNTED.matcher(line);
            if (!m.find()) continue;
            try {
                Count c = new Count(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                counts.merge(m.group(3), c, (a, b) -> new Count(a.packets + b.packets, a.bytes + b.bytes));
            } catch (NumberFormatException e) {
                // a number beyond long's range is not a counter nft prints: skip the line
            }
        }
        return counts;
    }
}
