package switchboard.dhcp.internal;

import java.net.InetSocketAddress;
import switchboard.api.dhcp.DhcpMessage;

/** A message to send and where to. */
record Reply(DhcpMessage message, InetSocketAddress target) {}
