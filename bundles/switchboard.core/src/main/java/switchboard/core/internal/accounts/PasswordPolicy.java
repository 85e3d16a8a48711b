package switchboard.core.internal.accounts;

import java.util.Optional;
import switchboard.api.accounts.CommonPasswords;

/** The minimum a password must meet before it is stored. */
final class PasswordPolicy {
    static final int MIN_LENGTH = 10;

    private PasswordPolicy() {}

    /** @return the reason the password is refused, or empty when it is acceptable */
    static Optional<String> weakness(String user, Optional<String> extension, char[] password) {
        String p = new String(password);
        if (p.length() < MIN_LENGTH) return Optional.of("a password needs at least " + MIN_LENGTH + " characters");
        if (p.equalsIgnoreCase(user)) return Optional.of("the password must not be the user name");
        if (extension.isPresent() && p.contains(extension.get()) && p.length() - extension.get().length() < 4)
            return Optional.of("the password must not be the extension number");
        if (p.chars().distinct().count() < 4) return Optional.of("the password repeats too few characters");
        if (CommonPasswords.contains(p)) return Optional.of("the password is on the list of common passwords that attackers try first");
        return Optional.empty();
    }
}
