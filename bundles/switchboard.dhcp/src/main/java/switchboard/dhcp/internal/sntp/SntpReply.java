package switchboard.dhcp.internal.sntp;

import java.nio.ByteBuffer;
import java.util.Optional;

/** RFC 4330 server side: the answer to a client request, stamped from the host clock. */
final class SntpReply {
    static final int PACKET_LENGTH = 48;
    private static final int MODE_CLIENT = 3;
    private static final int MODE_SERVER = 4;
    /** Stratum of a server synchronized through one upstream: the host clock, kept by the host's own NTP client. */
    private static final int STRATUM = 2;
    /** About a microsecond: 2^-20 s. */
    private static final int PRECISION = -20;
    private static final int REFERENCE_ID = 0x4c4f434c; // "LOCL"
    /** Seconds from 1900 (NTP era 0) to 1970. */
    private static final long NTP_EPOCH_OFFSET = 2_208_988_800L;

    private SntpReply() {}

    /**
     * @param receivedMillis host time when the request arrived
     * @return the reply, or empty when the request is not an SNTP client request (wrong length, version or mode)
     */
    static Optional<ByteBuffer> to(ByteBuffer request, long receivedMillis, long transmitMillis) {
        if (request.remaining() < PACKET_LENGTH) return Optional.empty();
        int first = request.get(request.position()) & 0xff;
        int version = first >> 3 & 0x7;
        int mode = first & 0x7;
        if (mode != MODE_CLIENT || version < 1 || version > 4) return Optional.empty();
        ByteBuffer reply = ByteBuffer.allocate(PACKET_LENGTH);
        reply.put((byte) (version << 3 | MODE_SERVER));
        reply.put((byte) STRATUM);
        reply.put(request.get(request.position() + 2)); // poll interval, as the client asked
        reply.put((byte) PRECISION);
        reply.putInt(0); // root delay
        reply.putInt(0x00000100); // root dispersion, about 4 ms
        reply.putInt(REFERENCE_ID);
        reply.putLong(ntpTime(transmitMillis)); // reference: the host clock is the reference
        reply.putLong(request.getLong(request.position() + 40)); // originate = the client's transmit time
        reply.putLong(ntpTime(receivedMillis));
        reply.putLong(ntpTime(transmitMillis));
        return Optional.of(reply.flip());
    }

    /** 32.32 fixed-point seconds since 1900. */
    static long ntpTime(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000L) + NTP_EPOCH_OFFSET;
        long fraction = (Math.floorMod(epochMillis, 1000L) << 32) / 1000;
        return seconds << 32 | fraction;
    }
}
