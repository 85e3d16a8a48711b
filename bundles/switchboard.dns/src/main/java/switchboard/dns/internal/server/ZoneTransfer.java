package switchboard.dns.internal.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * AXFR of the office zone over TCP, to the configured secondaries only: SOA, every RRset, SOA again,
 * packed into messages of at most {@code MESSAGE_BYTES}.
 */
final class ZoneTransfer {
    private static final int MESSAGE_BYTES = 16000;

    private ZoneTransfer() {}

    /** The AXFR question of the request, when it is one. */
    static Optional<Message> asTransferRequest(byte[] request) {
        try {
            Message query = new Message(request);
            Record q = query.getQuestion();
            boolean axfr = q != null && q.getType() == Type.AXFR && query.getHeader().getOpcode() == Opcode.QUERY
                    && !query.getHeader().getFlag(Flags.QR);
            return axfr ? Optional.of(query) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static boolean allowed(InetAddress source, List<InetSocketAddress> secondaries) {
        return secondaries.stream().anyMatch(s -> s.getAddress().equals(source));
    }

    /** The messages of the transfer, for a request naming the zone's apex. */
    static List<byte[]> messages(Message query, Zone zone) {
        List<byte[]> out = new ArrayList<>();
        Message current = WireProtocol.responseTo(query);
        current.getHeader().setFlag(Flags.AA);
        Iterator<RRset> sets = zone.AXFR();
        while (sets.hasNext()) {
            for (Record r : sets.next().rrs(false)) {
                if (current.numBytes() + 512 > MESSAGE_BYTES) {
                    out.add(current.toWire());
                    current = WireProtocol.responseTo(query);
                    current.getHeader().setFlag(Flags.AA);
                }
                current.addRecord(r, Section.ANSWER);
            }
        }
        out.add(current.toWire());
        return out;
    }
}
