package switchboard.dns.internal.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Forwarded answers, kept for their TTL: positive ones for the smallest TTL of their records, negative
 * ones (NXDOMAIN, no data) for the SOA's negative TTL as RFC 2308 says, and not at all without a SOA.
 * A hit is served with the TTLs capped at the entry's lifetime and counted down. Bounded: the least recently used entry goes first.
 */
final class ResponseCache {
    static final long MAX_TTL = 86400;
    private static final int[] SECTIONS = {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL};

    private record Key(Name name, int type, int dclass) {}

    private record Entry(int rcode, List<List<Record>> sections, long storedNanos, long ttlSeconds) {}

    private final int capacity;
    private final LongSupplier nanoClock;
    private final Map<Key, Entry> entries;

    ResponseCache(int capacity, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.nanoClock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > ResponseCache.this.capacity;
            }
        };
    }

    void put(Record question, Message response) {
        int rcode = response.getRcode();
        if (capacity == 0 || (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) || response.getHeader().getFlag(org.xbill.DNS.Flags.TC)) return;
        long ttl = ttl(response);
        if (ttl <= 0) return;
        List<List<Record>> sections = new ArrayList<>();
        for (int section : SECTIONS)
            sections.add(response.getSection(section).stream().filter(r -> r.getType() != Type.OPT).toList());
        synchronized (entries) {
            entries.put(key(question), new Entry(rcode, sections, nanoClock.getAsLong(), ttl));
        }
    }

    /** Fills {@code response} from the cache when a live entry exists. */
    boolean fill(Record question, Message response) {
        Entry entry;
        synchronized (entries) {
            entry = entries.get(key(question));
        }
        if (entry == null) return false;
        long age = (nanoClock.getAsLong() - entry.storedNanos()) / 1_000_000_000L;
        if (age >= entry.ttlSeconds()) {
            synchronized (entries) {
                entries.remove(key(question), entry);
            }
            return false;
        }
        response.getHeader().setRcode(entry.rcode());
        for (int i = 0; i < SECTIONS.length; i++)
            for (Record r : entry.sections().get(i))
                response.addRecord(Record.newRecord(r.getName(), r.getType(), r.getDClass(), Math.min(r.getTTL(), entry.ttlSeconds()) - age,
                        r.rdataToWireCanonical()), SECTIONS[i]);
        return true;
    }

    void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static Key key(Record question) {
        return new Key(question.getName().canonicalize(), question.getType(), question.getDClass());
    }

    /** Positive: the smallest TTL in the answer; negative: min(SOA TTL, SOA minimum); 0: do not cache. */
    static long ttl(Message response) {
        List<Record> answer = response.getSection(Section.ANSWER);
        boolean negative = response.getRcode() == Rcode.NXDOMAIN || answer.isEmpty();
        if (negative) {
            Optional<SOARecord> soa = response.getSection(Section.AUTHORITY).stream()
                    .filter(SOARecord.class::isInstance).map(SOARecord.class::cast).findFirst();
            return soa.map(s -> Math.min(MAX_TTL, Math.min(s.getTTL(), s.getMinimum()))).orElse(0L);
        }
        return Math.min(MAX_TTL, answer.stream().mapToLong(Record::getTTL).min().orElse(0));
    }
}
