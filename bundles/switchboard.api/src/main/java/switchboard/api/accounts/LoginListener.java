package switchboard.api.accounts;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every login attempt the user directory decides (console, SMTP AUTH, POP3, SIP digest), for an
 * audit trail. Called on the login's thread: return quickly.
 */
@ConsumerType
public interface LoginListener {
    /** @param source the client address the attempt came from */
    void loginAttempted(String name, String source, LoginResult result);
}
