package switchboard.api.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/** Sends from the endpoint's own socket, so replies leave from the port the client talked to. */
@ProviderType
public interface DatagramSender {
    void send(ByteBuffer payload, InetSocketAddress target) throws IOException;
}
