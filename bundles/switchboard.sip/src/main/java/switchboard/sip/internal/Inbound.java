package switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetSocketAddress;
import switchboard.api.broker.DatagramSender;

/**
 * A datagram waiting for the registrar's worker, with the endpoint socket to answer from, and the
 * message parsed from it on the receive thread (null when it did not parse or was too large).
 */
record Inbound(byte[] data, InetSocketAddress source, DatagramSender sender, SIPMessage message) {}
