package switchboard.api.broker;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** A received datagram: its payload (read-only, positioned at the data) and the sender. */
public record Datagram(ByteBuffer payload, InetSocketAddress source, InetSocketAddress local) {}
