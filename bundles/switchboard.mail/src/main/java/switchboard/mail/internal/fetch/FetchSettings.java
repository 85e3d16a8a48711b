package switchboard.mail.internal.fetch;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;

/**
 * The validated configuration of one fetch account (factory PID {@code switchboard.mail.fetch}). An
 * account owned by {@link #ADMIN} is the office's catch-all: its messages go to the users they are
 * addressed to. {@code toString} never shows the password.
 */
public record FetchSettings(String user, String server, int port, TlsMode tls, String login, String password, int intervalSeconds,
        boolean keepOnServer, int timeoutSeconds, String trustedCertificate) {
    public static final String ADMIN = "admin";
    private static final Pattern USER = Pattern.compile("[a-z][a-z0-9._-]{0,31}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})");
    private static final Pattern LOGIN = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** The same account with {@code other} as its password. */
    FetchSettings withPassword(String other) {
        return new FetchSettings(user, server, port, tls, login, other, intervalSeconds, keepOnServer, timeoutSeconds, trustedCertificate);
    }

    public static FetchSettings parse(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        String user = v.string("user", "").toLowerCase(Locale.ROOT);
        if (!USER.matcher(user).matches()) throw new InvalidConfigurationException("user", "'" + user + "' is not a user name");
        String server = v.string("server", "");
        if (!HOST.matcher(server).matches()) throw new InvalidConfigurationException("server", "'" + server + "' is not a host name or address");
        TlsMode tls = v.parsed("tls", "starttls", FetchSettings::tlsMode);
        int port = v.port("port", tls.defaultPort());
        String login = v.string("login", "");
        if (!LOGIN.matcher(login).matches())
            throw new InvalidConfigurationException("login", "the login is required: 1 to 255 printable characters without spaces");
        String password = v.string("password", "");
        int maxLength = PasswordVault.sealed(password) ? 1024 : 255;
        if (password.isEmpty() || password.length() > maxLength || password.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0))
            throw new InvalidConfigurationException("password", "the password is required: at most 255 characters, on one line");
        String trusted = v.string("tls.certificate", "");
        if (!trusted.isEmpty() && (!FILE_NAME.matcher(trusted).matches() || trusted.startsWith(".")))
            throw new InvalidConfigurationException("tls.certificate", "'" + trusted + "' is not a file name in etc/");
        return new FetchSettings(user, server, port, tls, login, password, v.integer("interval", 300, 2, 86_400), v.bool("keep", false),
                v.integer("timeout", 60, 5, 600), trusted);
    }

    private static TlsMode tlsMode(String text) {
        try {
            return TlsMode.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is none of none, starttls, implicit");
        }
    }

    /** The provider's mailbox, {@code login@server:port}: names the account in status, logs and {@code data/mail/fetch/}. */
    public String mailbox() {
        return login + "@" + server + ":" + port;
    }

    public boolean catchAll() {
        return user.equals(ADMIN);
    }

    @Override
    public String toString() {
        return mailbox() + " for " + user + " (" + tls.name().toLowerCase(Locale.ROOT) + (keepOnServer ? ", kept on the server" : "") + ")";
    }
}
