package switchboard.sip.internal;

import java.net.InetSocketAddress;
import switchboard.api.broker.DatagramSender;

/** A datagram to answer, with the endpoint socket to answer from. */
record Inbound(byte[] data, InetSocketAddress source, DatagramSender sender) {}
