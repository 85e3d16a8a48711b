package switchboard.mail.internal.smtp;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import switchboard.mail.internal.alias.AliasLoopException;
import switchboard.mail.internal.alias.AliasTable;

/** Decides where a recipient address goes: our users and aliases, another domain, or nowhere. */
public final class RecipientRouter {
    /** A mailbox address as RFC 5321 allows it in practice; non-ASCII letters for SMTPUTF8. */
    static final Pattern ADDRESS = Pattern.compile("[^\\s@<>()\\[\\],;:\"\\\\\\x00-\\x1f]{1,64}@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62}\\.?)*[\\p{L}\\p{N}]");
    private final String domain;
    private final AliasTable aliases;
    private final Predicate<String> userExists;

    public RecipientRouter(String domain, AliasTable aliases, Predicate<String> userExists) {
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.aliases = aliases;
        this.userExists = userExists;
    }

    public String domain() {
        return domain;
    }

    public AliasTable aliases() {
        return aliases;
    }

    static boolean validAddress(String address) {
        return address.length() <= 254 && ADDRESS.matcher(address).matches();
    }

    /** @return empty for an address of our domain that is neither a user nor an alias */
    public Optional<Destination> route(String address) throws AliasLoopException {
        int at = address.lastIndexOf('@');
        String host = address.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!host.equals(domain)) return Optional.of(new Destination.Remote(address));
        String local = address.substring(0, at).toLowerCase(Locale.ROOT);
        if (aliases.isAlias(local)) {
            AliasTable.Expansion e = aliases.expand(local, domain);
            return Optional.of(new Destination.Local(local, e.mailboxes().stream().filter(userExists).collect(java.util.stream.Collectors.toSet()),
                    e.remote()));
        }
        return userExists.test(local) ? Optional.of(new Destination.Local(null, Set.of(local), Set.of())) : Optional.empty();
    }
}
