package switchboard.api.dhcp;

import java.util.Optional;

/** Values of option 53, DHCP message type. */
public enum MessageType {
    DISCOVER(1), OFFER(2), REQUEST(3), DECLINE(4), ACK(5), NAK(6), RELEASE(7), INFORM(8);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<MessageType> of(int code) {
        for (MessageType t : values()) if (t.code == code) return Optional.of(t);
        return Optional.empty();
    }
}
