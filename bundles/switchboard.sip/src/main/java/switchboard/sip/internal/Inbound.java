package switchboard.sip.internal;

import java.net.InetSocketAddress;
import switchboard.api.broker.DatagramSender;

/**
 * A datagram waiting for one of the registrar's workers, with the endpoint socket to answer from and
 * when it arrived ({@link System#nanoTime}).
 */
record Inbound(byte[] data, InetSocketAddress source, DatagramSender sender, long arrived) {
    Inbound(byte[] data, InetSocketAddress source, DatagramSender sender) {
        this(data, source, sender, System.nanoTime());
    }
}
