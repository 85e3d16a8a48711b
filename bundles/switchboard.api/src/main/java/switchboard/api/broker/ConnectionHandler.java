package switchboard.api.broker;

import java.net.Socket;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service for a TCP endpoint, registered with the {@link Endpoint} properties. Takes
 * ownership of each accepted connection; called on the accept thread, so hand the session to your
 * own executor and return.
 */
@ConsumerType
public interface ConnectionHandler {
    void accept(Socket connection) throws Exception;
}
