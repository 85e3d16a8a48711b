package switchboard.sip.internal.digest;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Digest nonces checked without a table of issued nonces: each carries its issue time and a serial
 * number, signed with HMAC-SHA256 under a key kept in {@code data/sip/} (so they survive a bundle
 * update). A nonce is valid for its lifetime, and each nonce count ({@code nc}) is accepted once and
 * only increasing: the last count is kept in a fixed ring of slots indexed by serial number, so memory
 * stays bounded at any request rate (a nonce whose slot a newer one took is answered stale).
 */
public final class Nonces {
    public enum Verdict { VALID, STALE, INVALID, REPLAYED }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAC_BYTES = 16;
    private static final int PLAIN_BYTES = 24;
    private static final int SLOTS = 1 << 18;

    private final SecretKeySpec key;
    private final long lifetimeMillis;
    private final LongSupplier clock;
    /** Serial numbers start at the clock (in microseconds), so a restart never reissues one. */
    private final AtomicLong serial;
    private final long[] slotSerial;
    private final long[] slotCount;
    /** One per thread: looking up and keying a Mac costs more than the MAC itself. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public Nonces(byte[] key, long lifetimeMillis, LongSupplier clock) {
        this(key, lifetimeMillis, clock, SLOTS);
    }

    /** @param slots a power of two: how many nonces can be in use at once */
    Nonces(byte[] key, long lifetimeMillis, LongSupplier clock, int slots) {
        this.slotSerial = new long[slots];
        this.slotCount = new long[slots];
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.lifetimeMillis = lifetimeMillis;
        this.clock = clock;
        this.serial = new AtomicLong(clock.getAsLong() * 1000);
    }

    public static byte[] newKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }

    public String issue() {
        ByteBuffer b = ByteBuffer.allocate(PLAIN_BYTES + MAC_BYTES);
        b.putLong(clock.getAsLong()).putLong(serial.getAndIncrement()).putLong(RANDOM.nextLong()).put(mac(b.array()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** Checks the nonce and, when valid, consumes its count {@code nc} (hex, as sent). */
    public Verdict use(String nonce, String nc) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Verdict.INVALID;
        }
        if (raw.length != PLAIN_BYTES + MAC_BYTES
                || !MessageDigest.isEqual(mac(raw), Arrays.copyOfRange(raw, PLAIN_BYTES, raw.length))) return Verdict.INVALID;
        ByteBuffer b = ByteBuffer.wrap(raw);
        long issued = b.getLong();
        long number = b.getLong();
        if (clock.getAsLong() - issued > lifetimeMillis) return Verdict.STALE;
        long count;
        try {
            count = Long.parseLong(nc, 16);
        } catch (NumberFormatException | NullPointerException e) {
            return Verdict.INVALID;
        }
        int slot = (int) (number & (slotSerial.length - 1));
        synchronized (this) {
            if (slotSerial[slot] > number) return Verdict.STALE;
            if (slotSerial[slot] == number && count <= slotCount[slot]) return Verdict.REPLAYED;
            slotSerial[slot] = number;
            slotCount[slot] = count;
            return Verdict.VALID;
        }
    }

    private byte[] mac(byte[] nonce) {
        Mac mac = macs.get();
        mac.update(nonce, 0, PLAIN_BYTES);
        return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
