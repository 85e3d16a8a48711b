package switchboard.mail.internal.fetch;

/** How the connection to the provider's POP3 server is protected. */
public enum TlsMode {
    /** Plain text throughout: only for servers on a trusted network. */
    NONE(110),
    /** Plain connect, then STLS (RFC 2595); a server that refuses STLS is never sent the password. */
    STARTTLS(110),
    /** TLS from the first byte (POP3S). */
    IMPLICIT(995);

    private final int defaultPort;

    TlsMode(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
