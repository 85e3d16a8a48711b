package switchboard.dns.internal.server;

import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.broker.Datagram;
import switchboard.api.broker.DatagramHandler;
import switchboard.api.broker.DatagramSender;

/**
 * DNS over UDP. Answers from the zone and the cache are sent on the broker's receive thread; forwarded
 * ones when the upstream replies, so a slow upstream never holds up other clients.
 */
final class UdpDnsHandler implements DatagramHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UdpDnsHandler.class);

    private final WireProtocol protocol;

    UdpDnsHandler(WireProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public void handle(Datagram datagram, DatagramSender sender) {
        byte[] request = new byte[datagram.payload().remaining()];
        datagram.payload().duplicate().get(request);
        protocol.respond(request, datagram.source().getAddress(), false).thenAccept(reply -> {
            if (reply == null) return;
            try {
                sender.send(ByteBuffer.wrap(reply), datagram.source());
            } catch (Exception e) {
                LOG.debug("reply to {} not sent: {}", datagram.source(), e.toString());
            }
        });
    }
}
