package switchboard.dhcp.internal;

import java.net.Inet4Address;

/**
 * A client's address. {@code key} is the client identifier (option 61) or else the MAC address;
 * an expired or released lease stays on record so the client gets the same address back.
 */
record Lease(String key, String mac, Inet4Address address, String hostname, long expiresAt, State state) {

    enum State {
        /** Offered, not yet requested: held briefly so no other client is offered the address. */
        OFFERED,
        /** Acknowledged: the client uses the address until {@code expiresAt}. */
        BOUND,
        /** Given back by the client (RELEASE) or by the administrator. */
        RELEASED
    }

    boolean activeAt(long now) {
        return state != State.RELEASED && expiresAt > now;
    }

    boolean boundAt(long now) {
        return state == State.BOUND && expiresAt > now;
    }

    Lease released() {
        return new Lease(key, mac, address, hostname, expiresAt, State.RELEASED);
    }
}
