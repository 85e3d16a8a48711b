package switchboard.api.broker;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service for a UDP endpoint, registered with the {@link Endpoint} properties. Called on
 * the endpoint's receive thread: handle quickly or hand the work to your own executor.
 */
@ConsumerType
public interface DatagramHandler {
    void handle(Datagram datagram, DatagramSender sender) throws Exception;
}
