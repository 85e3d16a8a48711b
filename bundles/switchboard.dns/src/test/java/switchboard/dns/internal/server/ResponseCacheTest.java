package switchboard.dns.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ResponseCacheTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ResponseCache cache = new ResponseCache(2, nanos::get);

    @Test
    void ttlsCountDownAndTheEntryExpiresWithTheSmallestTtl() throws Exception {
        Record q = question("a.example.net.");
        Message upstream = reply(q, Rcode.NOERROR);
        upstream.addRecord(new ARecord(q.getName(), DClass.IN, 100, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
        upstream.addRecord(new ARecord(q.getName(), DClass.IN, 30, InetAddress.getByName("192.0.2.2")), Section.ANSWER);
        cache.put(q, upstream);
        later(10);
        Message hit = new Message();
        assertTrue(cache.fill(q, hit));
        assertEquals(20, hit.getSection(Section.ANSWER).get(0).getTTL(), "capped at the entry's lifetime");
        assertEquals(20, hit.getSection(Section.ANSWER).get(1).getTTL());
        later(20);
        assertFalse(cache.fill(q, new Message()), "gone after the smallest TTL");
    }

    @Test
    void negativeAnswersLiveForTheSoaMinimumAndWithoutSoaNotAtAll() throws Exception {
        Record q = question("nx.example.net.");
        Message nx = reply(q, Rcode.NXDOMAIN);
        nx.addRecord(new SOARecord(Name.fromString("example.net."), DClass.IN, 3600, Name.fromString("ns.example.net."),
                Name.fromString("h.example.net."), 1, 1, 1, 1, 45), Section.AUTHORITY);
        assertEquals(45, ResponseCache.ttl(nx));
        cache.put(q, nx);
        later(44);
        Message hit = new Message();
        assertTrue(cache.fill(q, hit));
        assertEquals(Rcode.NXDOMAIN, hit.getRcode());
        later(1);
        assertFalse(cache.fill(q, new Message()));

        Record bare = question("bare.example.net.");
        cache.put(bare, reply(bare, Rcode.NXDOMAIN));
        assertFalse(cache.fill(bare, new Message()));
        Record failing = question("fail.example.net.");
        cache.put(failing, reply(failing, Rcode.SERVFAIL));
        assertFalse(cache.fill(failing, new Message()));
    }

    @Test
    void theLeastRecentlyUsedEntryMakesRoom() throws Exception {
        for (String n : new String[] {"a", "b", "c"}) {
            Record q = question(n + ".example.net.");
            Message m = reply(q, Rcode.NOERROR);
            m.addRecord(new ARecord(q.getName(), DClass.IN, 100, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
            cache.put(q, m);
        }
        assertEquals(2, cache.size());
        assertFalse(cache.fill(question("a.example.net."), new Message()));
    }

    private void later(long seconds) {
        nanos.addAndGet(seconds * 1_000_000_000L);
    }

    private static Record question(String name) throws Exception {
        return Record.newRecord(Name.fromString(name), Type.A, DClass.IN);
    }

    private static Message reply(Record q, int rcode) {
        Message m = new Message();
        m.addRecord(q, Section.QUESTION);
        m.getHeader().setRcode(rcode);
        return m;
    }
}
