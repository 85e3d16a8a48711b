package switchboard.mail.internal.fetch;

import java.io.IOException;

/** The server said something a POP3 server must not say, or said -ERR where the fetch cannot go on. */
public class Pop3ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public Pop3ProtocolException(String message) {
        super(message);
    }
}
