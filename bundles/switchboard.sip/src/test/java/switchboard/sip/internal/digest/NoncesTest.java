package switchboard.sip.internal.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import switchboard.sip.internal.digest.Nonces.Verdict;

@Timeout(5)
class NoncesTest {
    final AtomicLong clock = new AtomicLong(1_000_000);
    final byte[] key = Nonces.newKey();
    final Nonces nonces = new Nonces(key, 60_000, clock::get);

    @Test
    void aFreshNonceIsValidOncePerCount() {
        String n = nonces.issue();
        assertEquals(Verdict.VALID, nonces.use(n, "00000001"));
        assertEquals(Verdict.REPLAYED, nonces.use(n, "00000001"));
        assertEquals(Verdict.VALID, nonces.use(n, "00000002"));
        assertEquals(Verdict.REPLAYED, nonces.use(n, "00000001"));
    }

    @Test
    void anOldNonceIsStale() {
        String n = nonces.issue();
        clock.addAndGet(60_001);
        assertEquals(Verdict.STALE, nonces.use(n, "00000001"));
    }

    @Test
    void nonceSurvivesARestartWithTheSameKeyButNotAnotherKey() {
        String n = nonces.issue();
        assertEquals(Verdict.VALID, new Nonces(key, 60_000, clock::get).use(n, "00000001"));
        assertEquals(Verdict.INVALID, new Nonces(Nonces.newKey(), 60_000, clock::get).use(n, "00000001"));
    }

    @Test
    void forgedOrGarbledNoncesAndCountsAreInvalid() {
        String n = nonces.issue();
        char[] c = n.toCharArray();
        c[3] = c[3] == 'A' ? 'B' : 'A';
        assertEquals(Verdict.INVALID, nonces.use(new String(c), "00000001"));
        assertEquals(Verdict.INVALID, nonces.use("", "00000001"));
        assertEquals(Verdict.INVALID, nonces.use("not base64!", "00000001"));
        assertEquals(Verdict.INVALID, nonces.use(n, "zz"));
        assertEquals(Verdict.INVALID, nonces.use(n, null));
        assertNotEquals(n, nonces.issue());
    }

    @Test
    void aNonceWhoseSlotANewerOneTookIsStale() {
        Nonces fewSlots = new Nonces(key, 60_000, clock::get, 16);
        String old = fewSlots.issue();
        for (int i = 1; i < 16; i++) fewSlots.issue();
        String newer = fewSlots.issue();
        assertEquals(Verdict.VALID, fewSlots.use(newer, "00000001"));
        assertEquals(Verdict.STALE, fewSlots.use(old, "00000001"));
    }
}
