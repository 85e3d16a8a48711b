package switchboard.dns.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Recursion through upstream servers on loopback: answers, the cache, negative caching, fail-over, timeouts. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ForwardingTest {
    private static final InetAddress LAN = InetAddress.getLoopbackAddress();

    @TempDir
    Path data;

    @Test
    void answersAreForwardedThenServedFromTheCacheForTheirTtl() throws Exception {
        try (TestUpstream upstream = new TestUpstream(false, "192.0.2.80");
                Servers servers = new Servers(data, Map.of("forwarders.primary", hostPort(upstream)))) {
            Message first = ask(servers, "host.example.net.", Type.A);
            assertEquals("192.0.2.80", first.getSection(Section.ANSWER).get(0).rdataToString());
            assertTrue(first.getHeader().getFlag(Flags.RA));
            Message second = ask(servers, "HOST.example.net.", Type.A);
            assertEquals("192.0.2.80", second.getSection(Section.ANSWER).get(0).rdataToString());
            assertTrue(second.getSection(Section.ANSWER).get(0).getTTL() <= 120);
            assertEquals(1, upstream.queries.get(), "the second answer came from the cache");
            assertEquals(1, servers.stats.cacheHits());
        }
    }

    @Test
    void nxDomainIsCachedForTheSoaNegativeTtl() throws Exception {
        try (TestUpstream upstream = new TestUpstream(false, "192.0.2.80");
                Servers servers = new Servers(data, Map.of("forwarders.primary", hostPort(upstream)))) {
            assertEquals(Rcode.NXDOMAIN, ask(servers, "nx1.example.net.", Type.A).getRcode());
            Message cached = ask(servers, "nx1.example.net.", Type.A);
            assertEquals(Rcode.NXDOMAIN, cached.getRcode());
            assertTrue(cached.getSection(Section.AUTHORITY).get(0).getTTL() <= 60, "min(SOA TTL, SOA minimum)");
            assertEquals(1, upstream.queries.get());
        }
    }

    @Test
    void anAnswerTruncatedOverUdpIsFetchedAgainOverTcp() throws Exception {
        try (TestUpstream upstream = new TestUpstream(false, "192.0.2.80");
                Servers servers = new Servers(data, Map.of("forwarders.primary", hostPort(upstream)))) {
            Message answer = new Message(servers.protocol.respond(query("big.example.net.", Type.TXT).toWire(), LAN, true).get(10, TimeUnit.SECONDS));
            assertEquals(Rcode.NOERROR, answer.getRcode());
            assertEquals(TestUpstream.BIG_TXT, answer.getSection(Section.ANSWER).size(), "every record, not the truncated UDP answer");
            assertFalse(answer.getHeader().getFlag(Flags.TC));
            assertEquals(1, upstream.queries.get(), "asked over UDP first");
            assertEquals(1, upstream.tcpQueries.get(), "then over TCP");
        }
    }

    @Test
    void aSilentPrimaryFailsOverToTheSecondary() throws Exception {
        try (TestUpstream primary = new TestUpstream(true, "192.0.2.1");
                TestUpstream secondary = new TestUpstream(false, "192.0.2.2");
                Servers servers = new Servers(data, Map.of("forwarders.primary", hostPort(primary),
                        "forwarders.secondary", hostPort(secondary), "forwarders.timeout.ms", "200"))) {
            Message r = ask(servers, "host.example.net.", Type.A);
            assertEquals("192.0.2.2", r.getSection(Section.ANSWER).get(0).rdataToString());
            assertEquals(1, primary.queries.get());
        }
    }

    @Test
    void whenNoUpstreamAnswersTheClientGetsServFailAndOthersAreServedMeanwhile() throws Exception {
        try (TestUpstream silent = new TestUpstream(true, "192.0.2.1");
                Servers servers = new Servers(data, Map.of("forwarders.primary", hostPort(silent), "forwarders.timeout.ms", "300"))) {
            CompletableFuture<byte[]> waiting = servers.protocol.respond(query("slow.example.net.", Type.A).toWire(), LAN, false);
            CompletableFuture<byte[]> local = servers.protocol.respond(query("www.example.com.", Type.A).toWire(), LAN, false);
            assertTrue(local.isDone(), "zone answers never wait for an upstream");
            assertTrue(!waiting.isDone());
            assertEquals(Rcode.SERVFAIL, new Message(waiting.get(5, TimeUnit.SECONDS)).getRcode());
        }
    }

    private static Message ask(Servers servers, String name, int type) throws Exception {
        return new Message(servers.protocol.respond(query(name, type).toWire(), LAN, false).get(5, TimeUnit.SECONDS));
    }

    private static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    private static String hostPort(TestUpstream upstream) {
        return "127.0.0.1:" + upstream.address().getPort();
    }
}
