package switchboard.audit.internal.view;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The sockets of this network namespace that accept traffic, read from the kernel's tables
 * ({@code /proc/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6}): what is really open, whatever the
 * configuration says.
 */
public final class ListeningSockets {
    private static final String TCP_LISTEN = "0A";
    private static final String UDP_UNCONNECTED = "07";

    private ListeningSockets() {}

    /** Every listener of the namespace; a table that cannot be read (no IPv6) adds nothing. */
    public static List<Listener> read(Path procNet) {
        List<Listener> all = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path file = procNet.resolve(table);
            if (!Files.isReadable(file)) continue;
            try {
                all.addAll(parse(Files.readString(file), table.startsWith("tcp") ? PortSpec.Protocol.TCP : PortSpec.Protocol.UDP));
            } catch (IOException e) {
                // the table vanished (namespace gone): nothing listens there
            }
        }
        return all;
    }

    /**
     * Parses one table: a header line, then lines {@code sl local_address rem_address st ...} with
     * addresses as hex {@code ADDR:PORT} in the kernel's byte order. Lines that do not parse are skipped.
     */
    static List<Listener> parse(String table, PortSpec.Protocol protocol) {
        String wanted = protocol == PortSpec.Protocol.TCP ? TCP_LISTEN : UDP_UNCONNECTED;
        List<Listener> listeners = new ArrayList<>();
        table.lines().skip(1).forEach(line -> {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[3].equals(wanted)) return;
            String[] local = f[1].split(":");
            if (local.length != 2 || local[1].length() != 4) return;
            try {
                int port = Integer.parseInt(local[1], 16);
                if (port > 0) listeners.add(new Listener(protocol, address(local[0]), port));
            } catch (IllegalArgumentException | UnknownHostException e) {
                // not a line of the table
            }
        });
        return listeners;
    }

    /** The kernel prints each 32-bit word of the address in host (little-endian) byte order. */
    private static InetAddress address(String hex) throws UnknownHostException {
        if (hex.length() != 8 && hex.length() != 32) throw new UnknownHostException("address of " + hex.length() + " hex digits");
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] bytes = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4)
            for (int i = 0; i < 4; i++) bytes[word + i] = raw[word + 3 - i];
        return InetAddress.getByAddress(bytes);
    }
}
