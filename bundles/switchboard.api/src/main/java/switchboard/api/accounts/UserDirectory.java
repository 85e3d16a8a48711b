package switchboard.api.accounts;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The one user directory, used by the console, mail and phones. Passwords are kept as slow KDF hashes. */
@ProviderType
public interface UserDirectory {
    String ADMIN = "admin";

    List<Account> accounts();

    Optional<Account> find(String name);

    /**
     * Checks a password. Failures are counted per {@code source} (the client address) across all
     * protocols; past the limit, attempts from that source are {@link LoginResult#THROTTLED}.
     */
    LoginResult login(String name, char[] password, String source);

    /**
     * Counts the outcome of a login checked elsewhere (a SIP digest response) towards the same
     * per-address throttle as {@link #login}. Returns {@link LoginResult#THROTTLED} without counting
     * when {@code source} is over its limit, else the outcome given.
     */
    LoginResult recordLogin(String name, boolean succeeded, String source);

    /** Forgets the failed logins counted for {@code source}, so its next attempt is checked at once. */
    void forgive(String source);

    /**
     * The digest secrets for {@code username}, an account's name or its extension, in the realm of
     * the office domain. Empty for unknown users and for accounts whose password was set before
     * digest secrets were kept (setting the password again computes them).
     */
    Optional<DigestSecret> digestSecret(String username);

    /** Creates the user or replaces its password; refuses weak passwords with an explanation. */
    Account setPassword(String name, char[] password) throws IOException;

    /**
     * Gives the user a SIP secret of its own: the digest secrets phones authenticate with come from it
     * instead of the password from now on, and later password changes leave them alone.
     */
    Account setSipSecret(String name, char[] secret) throws IOException;

    Account create(String name, char[] password, Optional<String> extension) throws IOException;

    /**
     * Creates a phone: an account with only a SIP secret, which logs in nowhere else (like a CSV import
     * line with an empty password); refuses weak secrets and taken names or extensions, changing nothing.
     */
    Account createPhone(String name, Optional<String> extension, char[] sipSecret) throws IOException;

    void remove(String name) throws IOException;

    /**
     * Imports {@code user;password[;extension[;SIP secret]]} lines; all valid lines apply, invalid ones are
     * listed. A line with a SIP secret and an empty password makes a SIP-only account (a phone: no login to
     * the console or mail), which skips the slow password hashing, so thousands import in seconds.
     */
    ImportReport importCsv(Reader csv) throws IOException;
}
