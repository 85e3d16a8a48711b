package switchboard.api.broker;

/**
 * State and counters of one endpoint. {@code handled}: datagrams or connections given to a handler;
 * {@code queued}: those that waited for a handler during a handover; {@code dropped}: those lost
 * because the handover queue was full or the wait ran out.
 */
public record EndpointStatus(
        String name,
        Protocol protocol,
        String address,
        int port,
        State state,
        String detail,
        long handled,
        long queued,
        long dropped) {

    public enum Protocol { UDP, TCP }

    public enum State {
        /** Bound, a handler is serving. */
        SERVING,
        /** Bound, waiting for a handler (during a bundle update). */
        WAITING,
        /** Could not be bound; {@code detail} says why. */
        FAILED
    }
}
