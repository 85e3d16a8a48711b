package switchboard.firewall.internal.apply;

import java.io.IOException;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.firewall.Ban;
import switchboard.api.network.Cidr;

/** The bans in force, kept in {@code data/firewall/bans} as lines of {@code ADDRESS EPOCH-SECOND REASON}. */
final class BanStore {
    static final String FILE = "bans";
    private static final Logger LOG = LoggerFactory.getLogger(BanStore.class);
    private final DataDirectory data;
    private final Map<Inet4Address, Ban> bans = new LinkedHashMap<>();

    BanStore(DataDirectory data) throws IOException {
        this.data = data;
        for (String line : data.read(FILE).orElse("").split("\n")) {
            if (line.isBlank()) continue;
            try {
                Ban ban = parse(line);
                bans.put(ban.address(), ban);
            } catch (IllegalArgumentException e) {
                LOG.warn("ignoring a malformed line of data/firewall/{}: {}", FILE, e.getMessage());
            }
        }
    }

    static Ban parse(String line) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2) throw new IllegalArgumentException("'" + line + "' is not ADDRESS EPOCH-SECOND REASON");
        try {
            return new Ban(Cidr.parseIpv4(parts[0]), Instant.ofEpochSecond(Long.parseLong(parts[1])), parts.length > 2 ? parts[2] : "");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + parts[1] + "' is not a time in epoch seconds");
        }
    }

    synchronized void put(Ban ban) throws IOException {
        bans.put(ban.address(), ban);
        save();
    }

    synchronized void remove(Inet4Address address) throws IOException {
        if (bans.remove(address) != null) save();
    }

    synchronized List<Ban> current(Instant now) {
        List<Ban> live = new ArrayList<>();
        for (Ban b : bans.values()) if (b.until().isAfter(now)) live.add(b);
        live.sort(Comparator.comparing(Ban::until));
        return live;
    }

    private void save() throws IOException {
        Instant now = Instant.now();
        bans.values().removeIf(b -> !b.until().isAfter(now));
        StringBuilder sb = new StringBuilder();
        for (Ban b : bans.values())
            sb.append(b.address().getHostAddress()).append(' ').append(b.until().getEpochSecond()).append(' ')
                    .append(b.reason().replace('\n', ' ')).append('\n');
        data.write(FILE, sb.toString());
    }
}
