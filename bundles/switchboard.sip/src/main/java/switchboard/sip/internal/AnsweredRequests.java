package switchboard.sip.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The final responses of recent requests, by transaction (RFC 3261 §17.2.2): a retransmitted request
 * gets the same answer again instead of being processed twice, which for an authenticated REGISTER
 * would look like a replayed nonce count. Kept for the client's retransmission window, bounded in bytes.
 *
 * <p>Every transaction's key and answer are written one after the other into a ring of bytes, found again
 * through a small open-addressing index of hashes and ring positions; the newest writes overwrite the
 * oldest. So the cache is two arrays and no object per transaction: under load, tens of thousands of
 * answers wait out their window here without the garbage collector copying or tracing any of them. The
 * ring starts small and doubles (up to the bound) when it would overwrite answers younger than the window.
 */
final class AnsweredRequests {
    /** Key length (2 bytes), answer length (4, -1: still being answered), time (8). */
    private static final int HEADER = 14;
    private static final int MIN_RING = 1 << 16;
    private static final int PROBES = 8;
    /** Ring bytes per index slot: records are a few hundred bytes, so the index stays sparse. */
    private static final int BYTES_PER_SLOT = 64;

    private final long keepMillis;
    private final int maxBytes;
    private byte[] ring;
    /** Absolute position of the next write; the ring holds positions [head - ring.length, head). */
    private long head;
    /** Positions below this were lost when the ring grew. */
    private long validFrom;
    private long lapStartedAt;
    private long lastWriteAt;
    private long[] slotHash;
    /** Absolute ring position of each slot's record, -1 when empty. */
    private long[] slotPosition;

    /** @param maxBytes the most memory the ring may take (a power of two; smaller bounds are raised to 64 KB) */
    AnsweredRequests(long keepMillis, int maxBytes) {
        this.keepMillis = keepMillis;
        this.maxBytes = Math.max(MIN_RING, Integer.highestOneBit(maxBytes));
        empty();
    }

    /** The transaction key: the top Via branch, the Call-ID and the CSeq with its method. */
    static String key(String branch, String callId, long cseq, String method) {
        return branch + '\n' + callId + '\n' + cseq + ' ' + method;
    }

    /**
     * Empty for a new transaction, which is marked as in progress; otherwise the answer already given,
     * or a zero-length one (nothing to send) while the first copy of the request is still being answered.
     */
    synchronized Optional<byte[]> begin(String key, long now) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        long hash = hash(k);
        long found = find(k, hash, now);
        if (found >= 0) return Optional.of(answer(found, k.length));
        put(k, hash, null, now);
        return Optional.empty();
    }

    /** The answer that went out; requests that get none keep their in-progress mark, so their copies get none either. */
    synchronized void remember(String key, byte[] response, long now) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        put(k, hash(k), response, now);
    }

    /** Forgets a transaction that got no answer because its request was unreadable, so that a good copy is answered. */
    synchronized void forget(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int s = slotOf(k, hash(k));
        if (s >= 0) slotPosition[s] = -1;
    }

    /** Gives a grown ring's memory back once everything in it is older than the window. */
    synchronized void trim(long now) {
        if (ring.length == MIN_RING || now - lastWriteAt <= keepMillis) return;
        empty();
    }

    /** A small empty ring and its index. */
    private void empty() {
        ring = new byte[MIN_RING];
        index(MIN_RING / BYTES_PER_SLOT);
        head = 0;
        validFrom = 0;
    }

    /** How many bytes the ring takes now. */
    synchronized int ringBytes() {
        return ring.length;
    }

    /** The position of the key's record within the window, or -1. */
    private long find(byte[] key, long hash, long now) {
        int s = slotOf(key, hash);
        return s >= 0 && fresh(slotPosition[s], now) ? slotPosition[s] : -1;
    }

    /** The slot whose record (intact in the ring) has this key, or -1. */
    private int slotOf(byte[] key, long hash) {
        int mask = slotHash.length - 1;
        for (int i = 0, s = (int) hash & mask; i < PROBES; i++, s = (s + 1) & mask) {
            if (slotHash[s] == hash && intact(slotPosition[s]) && sameKey(slotPosition[s], key)) return s;
        }
        return -1;
    }

    /** Whether the record is intact and younger than the window. */
    private boolean fresh(long p, long now) {
        return intact(p) && now - readLong(p + 6) <= keepMillis;
    }

    /** Writes a record (answer null: in progress) and points the key's slot at it. */
    private void put(byte[] key, long hash, byte[] answer, long now) {
        int answerLength = answer == null ? 0 : answer.length;
        int length = HEADER + key.length + answerLength;
        if (key.length > 0xffff || length > ring.length / 4) return; // a copy of such a request is answered anew
        long p = reserve(length, now);
        lastWriteAt = now;
        write(p, (byte) (key.length >>> 8), (byte) key.length);
        writeInt(p + 2, answer == null ? -1 : answerLength);
        writeLong(p + 6, now);
        copyIn(p + HEADER, key);
        if (answer != null) copyIn(p + HEADER + key.length, answer);
        slot(key, hash, now, p);
    }

    /** Takes the slot holding this key, else a free or expired one, else the oldest of the probed slots. */
    private void slot(byte[] key, long hash, long now, long position) {
        int chosen = slotOf(key, hash);
        if (chosen < 0) chosen = freeOrOldest(hash, now);
        slotHash[chosen] = hash;
        slotPosition[chosen] = position;
    }

    /** Among the slots probed for this hash: the first free or expired one, else the one with the oldest record. */
    private int freeOrOldest(long hash, long now) {
        int mask = slotHash.length - 1;
        int oldest = -1;
        for (int i = 0, s = (int) hash & mask; i < PROBES; i++, s = (s + 1) & mask) {
            if (!fresh(slotPosition[s], now)) return s;
            if (oldest < 0 || slotPosition[s] < slotPosition[oldest]) oldest = s;
        }
        return oldest;
    }

    /** Room for a record of this length at the head; records never wrap around the end of the ring. */
    private long reserve(int length, long now) {
        if ((head & (ring.length - 1)) + length > ring.length) head += ring.length - (head & (ring.length - 1));
        if ((head & (ring.length - 1)) == 0) { // a new lap, over the records of the last one
            if (head > 0 && now - lapStartedAt < keepMillis && ring.length < maxBytes) grow();
            else lapStartedAt = now;
        }
        long p = head;
        head += length;
        return p;
    }

    /** Doubles the ring, keeping what it holds at the same positions, and the index with it. */
    private void grow() {
        byte[] bigger = new byte[ring.length * 2];
        for (long p = Math.max(0, head - ring.length); p < head; p++) bigger[(int) (p & (bigger.length - 1))] = ring[(int) (p & (ring.length - 1))];
        validFrom = Math.max(validFrom, head - ring.length);
        ring = bigger;
        long[] hashes = slotHash;
        long[] positions = slotPosition;
        index(ring.length / BYTES_PER_SLOT);
        int mask = slotHash.length - 1;
        for (int i = 0; i < hashes.length; i++) {
            if (positions[i] < 0 || !intact(positions[i])) continue;
            for (int j = 0, s = (int) hashes[i] & mask; j < PROBES; j++, s = (s + 1) & mask) {
                if (slotPosition[s] >= 0) continue;
                slotHash[s] = hashes[i];
                slotPosition[s] = positions[i];
                break;
            }
        }
    }

    private void index(int slots) {
        slotHash = new long[slots];
        slotPosition = new long[slots];
        Arrays.fill(slotPosition, -1);
    }

    private boolean intact(long p) {
        return p >= 0 && p >= validFrom && p >= head - ring.length;
    }

    private boolean sameKey(long p, byte[] key) {
        int length = (read(p) & 0xff) << 8 | read(p + 1) & 0xff;
        if (length != key.length) return false;
        int start = (int) ((p + HEADER) & (ring.length - 1));
        return Arrays.equals(ring, start, start + length, key, 0, length);
    }

    private byte[] answer(long p, int keyLength) {
        int length = readInt(p + 2);
        int start = (int) ((p + HEADER + keyLength) & (ring.length - 1));
        return length < 0 ? new byte[0] : Arrays.copyOfRange(ring, start, start + length);
    }

    private static long hash(byte[] key) {
        long h = 0xcbf29ce484222325L; // FNV-1a
        for (byte b : key) h = (h ^ (b & 0xff)) * 0x100000001b3L;
        return h ^ (h >>> 29);
    }

    private byte read(long p) {
        return ring[(int) (p & (ring.length - 1))];
    }

    private void write(long p, byte high, byte low) {
        ring[(int) (p & (ring.length - 1))] = high;
        ring[(int) ((p + 1) & (ring.length - 1))] = low;
    }

    private void writeInt(long p, int v) {
        for (int i = 0; i < 4; i++) ring[(int) ((p + i) & (ring.length - 1))] = (byte) (v >>> (24 - 8 * i));
    }

    private void writeLong(long p, long v) {
        for (int i = 0; i < 8; i++) ring[(int) ((p + i) & (ring.length - 1))] = (byte) (v >>> (56 - 8 * i));
    }

    private int readInt(long p) {
        return (int) (readLong(p) >>> 32);
    }

    private long readLong(long p) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | (ring[(int) ((p + i) & (ring.length - 1))] & 0xff);
        return v;
    }

    private void copyIn(long p, byte[] bytes) {
        System.arraycopy(bytes, 0, ring, (int) (p & (ring.length - 1)), bytes.length);
    }
}
