package switchboard.sip.internal.digest;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Digest nonces that need no table to be checked: the issue time and a random part, signed with
 * HMAC-SHA256 under a key kept in {@code data/sip/}, so nonces survive a bundle update. A nonce
 * is valid for its lifetime, and each nonce count ({@code nc}) is accepted once and only increasing.
 */
public final class Nonces {
    public enum Verdict { VALID, STALE, INVALID, REPLAYED }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAC_BYTES = 16;
    /** Beyond this many nonces in use, new ones are answered stale (a fresh challenge) rather than tracked. */
    private static final int MAX_TRACKED = 200_000;

    private final SecretKeySpec key;
    private final long lifetimeMillis;
    private final LongSupplier clock;
    private final Map<String, Long> lastCount = new ConcurrentHashMap<>();

    public Nonces(byte[] key, long lifetimeMillis, LongSupplier clock) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.lifetimeMillis = lifetimeMillis;
        this.clock = clock;
    }

    public static byte[] newKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }

    public String issue() {
        ByteBuffer b = ByteBuffer.allocate(16 + MAC_BYTES);
        b.putLong(clock.getAsLong()).putLong(RANDOM.nextLong()).put(mac(b.array(), 16));
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
        if (raw.length != 16 + MAC_BYTES) return Verdict.INVALID;
        byte[] expected = mac(raw, 16);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, 16, raw.length))) return Verdict.INVALID;
        long issued = ByteBuffer.wrap(raw).getLong();
        if (clock.getAsLong() - issued > lifetimeMillis) {
            lastCount.remove(nonce);
            return Verdict.STALE;
        }
        long count;
        try {
            count = Long.parseLong(nc, 16);
        } catch (NumberFormatException | NullPointerException e) {
            return Verdict.INVALID;
        }
        if (lastCount.size() >= MAX_TRACKED && !lastCount.containsKey(nonce)) return Verdict.STALE;
        long[] accepted = {0};
        lastCount.compute(nonce, (n, last) -> {
            if (last != null && count <= last) return last;
            accepted[0] = 1;
            return count;
        });
        return accepted[0] == 1 ? Verdict.VALID : Verdict.REPLAYED;
    }

    /** Forgets the counts of expired nonces. */
    public void expire() {
        long oldest = clock.getAsLong() - lifetimeMillis;
        lastCount.keySet().removeIf(n -> ByteBuffer.wrap(Base64.getUrlDecoder().decode(n)).getLong() < oldest);
    }

    private byte[] mac(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(data, 0, length);
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
