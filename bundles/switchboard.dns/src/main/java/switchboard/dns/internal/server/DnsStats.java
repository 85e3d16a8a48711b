package switchboard.dns.internal.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.xbill.DNS.Rcode;

/** Counters for {@code dns:stats}: queries, cache hits and misses, answers by RCODE. */
public final class DnsStats {
    private final LongAdder queries = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private final LongAdder[] byRcode = new LongAdder[24];

    public DnsStats() {
        for (int i = 0; i < byRcode.length; i++) byRcode[i] = new LongAdder();
    }

    void query() {
        queries.increment();
    }

    void cacheHit() {
        cacheHits.increment();
    }

    void cacheMiss() {
        cacheMisses.increment();
    }

    void answered(int rcode) {
        byRcode[Math.min(rcode, byRcode.length - 1)].increment();
    }

    public long queries() {
        return queries.sum();
    }

    public long cacheHits() {
        return cacheHits.sum();
    }

    public long cacheMisses() {
        return cacheMisses.sum();
    }

    /** Answers by RCODE name, only those that occurred. */
    public Map<String, Long> answersByRcode() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < byRcode.length; i++)
            if (byRcode[i].sum() > 0) out.put(Rcode.string(i), byRcode[i].sum());
        return out;
    }
}
