package switchboard.dns.internal.zone;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import switchboard.api.network.Cidr;

/**
 * {@code data/dns/zone-state}: one line {@code serial N}, then {@code host CLIENT-ID LABEL ADDRESS}
 * per DHCP client (the client id URL-encoded). Replaced atomically, so a crash leaves the old or the
 * new state, never half of one.
 */
public final class ZoneStateFile {
    private final Path file;

    public ZoneStateFile(Path directory) {
        this.file = directory.resolve("zone-state");
    }

    ZoneState read() throws IOException {
        if (!Files.exists(file)) return new ZoneState(0, Map.of());
        long serial = 0;
        Map<String, DynamicHost> hosts = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split(" ");
            try {
                if (f.length == 2 && f[0].equals("serial")) serial = Long.parseLong(f[1]);
                else if (f.length == 4 && f[0].equals("host")) {
                    String client = URLDecoder.decode(f[1], StandardCharsets.UTF_8);
                    hosts.put(client, new DynamicHost(client, f[2], Cidr.parseIpv4(f[3])));
                } else if (!line.isBlank()) throw new IOException("unreadable line in " + file + ": " + line);
            } catch (IllegalArgumentException e) {
                throw new IOException("unreadable line in " + file + ": " + line, e);
            }
        }
        return new ZoneState(serial, hosts);
    }

    /** Replaces the file; {@code durable}: file and directory are fsynced before this returns. */
    void write(ZoneState state, boolean durable) throws IOException {
        StringBuilder text = new StringBuilder("serial ").append(state.serial()).append('\n');
        state.hosts().values().stream().sorted((a, b) -> a.clientId().compareTo(b.clientId())).forEach(h ->
                text.append("host ").append(URLEncoder.encode(h.clientId(), StandardCharsets.UTF_8)).append(' ')
                        .append(h.label()).append(' ').append(h.address().getHostAddress()).append('\n'));
        Path directory = file.getParent();
        Files.createDirectories(directory);
        Path part = directory.resolve(".zone-state.part");
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            if (durable) out.force(true);
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (!durable) return;
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
