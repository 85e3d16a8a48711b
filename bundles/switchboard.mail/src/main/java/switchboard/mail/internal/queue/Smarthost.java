package switchboard.mail.internal.queue;

import java.net.InetSocketAddress;

/**
 * The relay all outbound mail goes to instead of the recipients' MX hosts, for offices whose ISP blocks
 * port 25. With a {@code user}, it is logged in to with AUTH PLAIN, only ever over STARTTLS; with
 * {@code verifyCertificate}, its certificate must be valid for its host name.
 */
public record Smarthost(InetSocketAddress address, String user, String password, boolean verifyCertificate) {
    @Override
    public String toString() {
        return address.getHostString() + ":" + address.getPort() + (user.isEmpty() ? "" : " as " + user); // never the password
    }

    boolean logsIn() {
        return !user.isEmpty();
    }
}
