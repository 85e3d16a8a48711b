package switchboard.api.dhcp;

/** A datagram that is not a well-formed DHCP message; the message says what is wrong. */
public class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String reason) {
        super(reason);
    }
}
