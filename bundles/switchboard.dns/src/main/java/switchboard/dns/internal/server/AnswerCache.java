package switchboard.dns.internal.server;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finished authoritative answers in wire format, for one version of the zone: a repeated question is
 * answered by copying the bytes and setting the request's ID and RD/CD flags, without parsing. The key
 * is the request without ID and those flags, plus the view and the transport, so everything the answer
 * depends on (question as spelled, EDNS buffer size) is in it. Only plain queries are keyed: one
 * question, no answer or authority records, at most an OPT record.
 */
final class AnswerCache {
    private static final int MAX_ENTRIES = 20_000;
    private static final int FLAGS_KEPT = ~(0x0100 | 0x0010);

    private final Map<ByteBuffer, byte[]> answers = new ConcurrentHashMap<>();
    private volatile Object version;

    /** The cache key of a plain query, or null for anything else. */
    static ByteBuffer key(byte[] request, boolean internal, boolean tcp) {
        if (request.length < WireProtocol.HEADER_LENGTH || request.length > 512) return null;
        int flags = (request[2] & 0xff) << 8 | (request[3] & 0xff);
        boolean plain = (flags & 0xF800) == 0 && count(request, 4) == 1 && count(request, 6) == 0 && count(request, 8) == 0
                && count(request, 10) <= 1;
        if (!plain) return null;
        byte[] key = new byte[request.length - 1];
        System.arraycopy(request, 2, key, 0, request.length - 2);
        int kept = flags & FLAGS_KEPT;
        key[0] = (byte) (kept >> 8);
        key[1] = (byte) kept;
        key[key.length - 1] = (byte) ((internal ? 1 : 0) | (tcp ? 2 : 0));
        return ByteBuffer.wrap(key);
    }

    /** The stored answer for {@code key} in zone version {@code current}, made out to {@code request}; null when none. */
    byte[] answer(ByteBuffer key, Object current, byte[] request) {
        if (current != version) return null;
        byte[] stored = answers.get(key);
        if (stored == null) return null;
        byte[] reply = stored.clone();
        reply[0] = request[0];
        reply[1] = request[1];
        reply[2] = (byte) ((reply[2] & ~0x01) | (request[2] & 0x01));
        reply[3] = (byte) ((reply[3] & ~0x10) | (request[3] & 0x10));
        return reply;
    }

    void put(ByteBuffer key, Object current, byte[] answer) {
        if (current != version) {
            answers.clear();
            version = current;
        }
        if (answers.size() >= MAX_ENTRIES) answers.clear();
        answers.put(key, answer);
    }

    private static int count(byte[] request, int offset) {
        return (request[offset] & 0xff) << 8 | (request[offset + 1] & 0xff);
    }
}
