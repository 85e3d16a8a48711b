package switchboard.dns.internal.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * From request bytes to response bytes, for UDP and TCP alike: FORMERR for what does not parse,
 * NOTIMP for opcodes other than QUERY, BADVERS for EDNS versions above 0, and UDP answers cut to the
 * client's buffer (512 bytes, or its EDNS size) with TC set so it retries over TCP. Responses and
 * anything shorter than a header get no answer at all.
 */
final class WireProtocol {
    static final int HEADER_LENGTH = 12;
    static final int UDP_PLAIN = 512;
    static final int UDP_MAX = 4096;
    private static final int EDNS_ADVERTISED = 1232;

    private final QueryEngine engine;
    private final DnsStats stats;
    private final AnswerCache answers = new AnswerCache();

    WireProtocol(QueryEngine engine, DnsStats stats) {
        this.engine = engine;
        this.stats = stats;
    }

    /** The response's bytes, or null for no response; {@code tcp}: no size limit. */
    CompletableFuture<byte[]> respond(byte[] request, InetAddress source, boolean tcp) {
        if (request.length < HEADER_LENGTH || (request[2] & 0x80) != 0) return CompletableFuture.completedFuture(null);
        stats.query();
        Object version = engine.zoneVersion();
        ByteBuffer key = AnswerCache.key(request, engine.isInternal(source), tcp);
        byte[] known = key == null ? null : answers.answer(key, version, request);
        if (known != null) {
            stats.answered(known[3] & 0xF);
            return done(known);
        }
        Message query;
        try {
            query = new Message(request);
        } catch (IOException | RuntimeException e) {
            return done(formatError(request));
        }
        Message response = responseTo(query);
        int opcode = query.getHeader().getOpcode();
        OPTRecord opt = query.getOPT();
        int limit = tcp ? Message.MAXLENGTH : opt == null ? UDP_PLAIN : Math.min(UDP_MAX, Math.max(UDP_PLAIN, opt.getPayloadSize()));
        if (opcode != Opcode.QUERY) return done(finish(response, Rcode.NOTIMP, limit));
        if (query.getSection(Section.QUESTION).size() != 1 || !query.getSection(Section.ANSWER).isEmpty())
            return done(finish(response, Rcode.FORMERR, limit));
        if (opt != null && opt.getVersion() != 0) return done(finish(response, Rcode.BADVERS, limit));
        int qtype = query.getQuestion().getType();
        if (qtype == Type.AXFR || qtype == Type.IXFR) return done(finish(response, tcp ? Rcode.REFUSED : Rcode.FORMERR, limit));
        return engine.answer(query, response, source).thenApply(r -> {
            byte[] wire = finish(r, r.getRcode(), limit);
            if (key != null && r.getHeader().getFlag(Flags.AA)) answers.put(key, version, wire);
            return wire;
        });
    }

    /** A response skeleton: same ID and opcode, RD and CD copied, the question, and our OPT if the query had one. */
    static Message responseTo(Message query) {
        Message response = new Message(query.getHeader().getID());
        Header h = response.getHeader();
        h.setFlag(Flags.QR);
        h.setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) h.setFlag(Flags.RD);
        if (query.getHeader().getFlag(Flags.CD)) h.setFlag(Flags.CD);
        Record question = query.getQuestion();
        if (question != null) response.addRecord(question, Section.QUESTION);
        if (query.getOPT() != null) response.addRecord(new OPTRecord(EDNS_ADVERTISED, 0, 0, 0), Section.ADDITIONAL);
        return response;
    }

    private byte[] finish(Message response, int rcode, int limit) {
        stats.answered(rcode);
        response.getHeader().setRcode(rcode & 0xF);
        if (rcode > 0xF) {
            response.removeRecord(response.getOPT(), Section.ADDITIONAL);
            response.addRecord(new OPTRecord(EDNS_ADVERTISED, rcode >>> 4, 0, 0), Section.ADDITIONAL);
        }
        return response.toWire(limit);
    }

    /** A bare FORMERR header carrying the request's ID and opcode, since nothing else could be read. */
    private byte[] formatError(byte[] request) {
        stats.answered(Rcode.FORMERR);
        byte[] out = new byte[HEADER_LENGTH];
        out[0] = request[0];
        out[1] = request[1];
        out[2] = (byte) (0x80 | (request[2] & 0x78));
        out[3] = (byte) Rcode.FORMERR;
        return out;
    }

    private static CompletableFuture<byte[]> done(byte[] bytes) {
        return CompletableFuture.completedFuture(bytes);
    }
}
