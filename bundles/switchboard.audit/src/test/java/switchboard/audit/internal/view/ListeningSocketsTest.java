package switchboard.audit.internal.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    @Test
    void readsListeningTcpSocketsInTheKernelsByteOrder() {
        String table = HEADER
                + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 100 0 0 10 0\n"
                + "   1: 00000000:09C5 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0000000000000000 100 0 0 10 0\n"
                + "   2: 0100007F:1F90 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0000000000000000 20 4 30 10 -1\n";

        List<Listener> listeners = ListeningSockets.parse(table, PortSpec.Protocol.TCP);

        assertEquals(List.of("127.0.0.1:8080/tcp", "*:2501/tcp"), listeners.stream().map(Listener::toString).toList(),
                "listening sockets only, not the established connection");
        assertTrue(listeners.get(1).wildcard());
    }

    @Test
    void readsIpv6AndIpv4MappedAddresses() {
        String table = HEADER
                + "   0: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 0 0 0 0 0 1\n"
                + "   1: 00000000000000000000000000000000:0035 00000000000000000000000000000000:0000 0A 0 0 0 0 0 2\n";

        List<Listener> listeners = ListeningSockets.parse(table, PortSpec.Protocol.TCP);

        assertEquals("127.0.0.1:8080/tcp", listeners.get(0).toString(), "an IPv4-mapped address is the IPv4 address");
        assertTrue(listeners.get(1).wildcard(), ":: is all addresses");
        assertEquals(53, listeners.get(1).port());
    }

    @Test
    void udpCountsUnconnectedSockets() {
        String table = HEADER + "  12: 00000000:13C4 00000000:0000 07 00000000:00000000 00:00000000 00000000  0 0 9 2 0000000000000000 0\n";

        assertEquals(List.of("*:5060/udp"), ListeningSockets.parse(table, PortSpec.Protocol.UDP).stream().map(Listener::toString).toList());
    }

    @Test
    void malformedLinesAreSkipped() {
        String table = HEADER
                + "garbage\n"
                + "   0: 0100007F 00000000:0000 0A\n"
                + "   1: 0100007F:ZZZZ 00000000:0000 0A\n"
                + "   2: 01007F:1F90 00000000:0000 0A\n"
                + "   3: XX00007F:1F90 00000000:0000 0A\n"
                + "   4: 0100007F:0000 00000000:0000 0A\n"
                + "   5: 0100007F:1F90:1 00000000:0000 0A\n"
                + "\n";

        assertEquals(List.of(), ListeningSockets.parse(table, PortSpec.Protocol.TCP));
        assertEquals(List.of(), ListeningSockets.parse("", PortSpec.Protocol.TCP));
    }

    @Test
    void aMissingTableAddsNothing() {
        assertEquals(List.of(), ListeningSockets.read(Path.of("/nonexistent-proc-net")));
    }
}
