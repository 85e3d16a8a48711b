package switchboard.dns.internal.server;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;
import switchboard.dns.internal.zone.ZoneSnapshot;

/**
 * Decides how a well-formed query is answered: names in the office zone authoritatively (WAN clients
 * from the public view unless views are single); other names, for internal clients, from the cache or
 * the forwarders, or NXDOMAIN at once when stand-alone; for WAN clients, REFUSED (no open resolver).
 */
final class QueryEngine {
    private final Supplier<ZoneSnapshot> zone;
    private final Supplier<ClientPolicy> policy;
    private final DnsSettings settings;
    private final ResponseCache cache;
    private final Forwarder forwarder;
    private final DnsStats stats;

    /** {@code forwarder} is null when forwarding is off. */
    QueryEngine(Supplier<ZoneSnapshot> zone, Supplier<ClientPolicy> policy, DnsSettings settings, ResponseCache cache,
            Forwarder forwarder, DnsStats stats) {
        this.zone = zone;
        this.policy = policy;
        this.settings = settings;
        this.cache = cache;
        this.forwarder = forwarder;
        this.stats = stats;
    }

    /** The zone view this source sees, for answers and transfers. */
    Zone view(ZoneSnapshot snapshot, boolean internal) {
        return internal || settings.singleView() ? snapshot.internal() : snapshot.external();
    }

    /** Changes with every new version of the zone (and is null while there is none). */
    Object zoneVersion() {
        return zone.get();
    }

    boolean isInternal(InetAddress source) {
        return policy.get().isInternal(source);
    }

    CompletableFuture<Message> answer(Message query, Message response, InetAddress source) {
        Record question = query.getQuestion();
        boolean internal = isInternal(source);
        if (internal && forwarder != null) response.getHeader().setFlag(Flags.RA);
        ZoneSnapshot snapshot = zone.get();
        if (snapshot != null && question.getName().subdomain(snapshot.origin())) {
            Authority.answer(view(snapshot, internal), question, response);
        } else if (!internal) {
            response.getHeader().setRcode(Rcode.REFUSED);
        } else if (forwarder == null) {
            response.getHeader().setFlag(Flags.AA);
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            return recurse(question, response);
        }
        return CompletableFuture.completedFuture(response);
    }

    private CompletableFuture<Message> recurse(Record question, Message response) {
        if (cache.fill(question, response)) {
            stats.cacheHit();
            return CompletableFuture.completedFuture(response);
        }
        stats.cacheMiss();
        return forwarder.forward(question).thenApply(upstream -> {
            if (upstream == null) {
                response.getHeader().setRcode(Rcode.SERVFAIL);
                return response;
            }
            cache.put(question, upstream);
            response.getHeader().setRcode(upstream.getRcode());
            for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL})
                upstream.getSection(section).stream().filter(r -> r.getType() != Type.OPT).forEach(r -> response.addRecord(r, section));
            return response;
        });
    }
}
