package switchboard.api.network;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: told of the current settings when it is registered and after every change.
 * Called on one notification thread, in order; implementations return quickly.
 */
@ConsumerType
public interface NetworkListener {
    void networkChanged(NetworkSettings settings);
}
