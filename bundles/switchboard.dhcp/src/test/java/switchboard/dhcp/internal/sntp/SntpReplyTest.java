package switchboard.dhcp.internal.sntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class SntpReplyTest {
    private static ByteBuffer request(int version, int mode, long transmit) {
        ByteBuffer b = ByteBuffer.allocate(48);
        b.put(0, (byte) (version << 3 | mode)).put(2, (byte) 6).putLong(40, transmit);
        return b;
    }

    @Test
    void answersAClientWithItsOwnTimestampsAndTheHostClock() {
        long millis = 1_795_000_000_123L;
        ByteBuffer reply = SntpReply.to(request(4, 3, 0x1122334455667788L), millis, millis + 1).orElseThrow();
        assertEquals(48, reply.remaining());
        assertEquals(4 << 3 | 4, reply.get(0) & 0xff, "version 4, server mode, no leap warning");
        assertEquals(2, reply.get(1));
        assertEquals(6, reply.get(2), "the client's poll interval");
        assertEquals(0x1122334455667788L, reply.getLong(24), "originate is the client's transmit time");
        assertEquals(SntpReply.ntpTime(millis), reply.getLong(32));
        assertEquals(SntpReply.ntpTime(millis + 1), reply.getLong(40));
        assertEquals(1_795_000_000L + 2_208_988_800L, SntpReply.ntpTime(millis) >>> 32);
        assertEquals(528280977L, SntpReply.ntpTime(millis) & 0xffffffffL, "0.123 s as a 32-bit fraction");
    }

    @Test
    void keepsAnOldClientsVersion() {
        assertEquals(3 << 3 | 4, SntpReply.to(request(3, 3, 0), 0, 0).orElseThrow().get(0) & 0xff);
    }

    @Test
    void ignoresWhatIsNotAClientRequest() {
        assertTrue(SntpReply.to(ByteBuffer.allocate(47), 0, 0).isEmpty(), "short");
        assertTrue(SntpReply.to(request(4, 4, 0), 0, 0).isEmpty(), "a server's packet (loops between servers)");
        assertTrue(SntpReply.to(request(0, 3, 0), 0, 0).isEmpty(), "version 0");
        assertTrue(SntpReply.to(request(5, 3, 0), 0, 0).isEmpty(), "version 5");
    }
}
