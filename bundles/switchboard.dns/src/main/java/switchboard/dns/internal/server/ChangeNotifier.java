package switchboard.dns.internal.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import switchboard.dns.internal.zone.ZoneSnapshot;

/** Sends NOTIFY (RFC 1996) for the zone to each configured secondary, so it transfers the new version. */
final class ChangeNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);

    private ChangeNotifier() {}

    static void notify(ZoneSnapshot snapshot, List<InetSocketAddress> secondaries) {
        if (secondaries.isEmpty()) return;
        Message notify = new Message();
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        notify.getHeader().setFlag(Flags.AA);
        notify.addRecord(Record.newRecord(snapshot.origin(), Type.SOA, DClass.IN), Section.QUESTION);
        notify.addRecord(snapshot.internal().getSOA(), Section.ANSWER);
        byte[] wire = notify.toWire();
        try (DatagramChannel channel = DatagramChannel.open()) {
            for (InetSocketAddress secondary : secondaries) channel.send(ByteBuffer.wrap(wire), secondary);
        } catch (IOException e) {
            LOG.warn("NOTIFY for serial {} not sent: {}", snapshot.serial(), e.toString());
        }
    }
}
