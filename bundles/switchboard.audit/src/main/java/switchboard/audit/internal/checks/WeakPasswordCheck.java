package switchboard.audit.internal.checks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.accounts.Account;
import switchboard.api.accounts.CommonPasswords;
import switchboard.api.accounts.DigestSecret;
import switchboard.api.accounts.UserDirectory;

/**
 * Finds accounts whose password is a common one (as written, capitalised or in capitals), the user name or the extension, without knowing any
 * password: the candidates are hashed as SIP digest secrets (MD5 of {@code user:realm:password}) and
 * compared with the secret the directory keeps for the account.
 */
@Component(property = {HealthCheck.NAME + "=Security: weak passwords", HealthCheck.TAGS + "=" + SecurityChecks.TAG})
public class WeakPasswordCheck implements HealthCheck {
    private final UserDirectory directory;

    @Activate
    public WeakPasswordCheck(@Reference UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        List<String> unchecked = new ArrayList<>();
        int weak = 0;
        for (Account account : directory.accounts()) {
            Optional<DigestSecret> secret = directory.digestSecret(account.name());
            if (secret.isEmpty()) {
                unchecked.add(account.name());
                continue;
            }
            Optional<String> guessed = guess(secret.get(), candidates(account));
            if (guessed.isPresent()) {
                weak++;
                log.warn("the password of '{}' is {}. Fix: set a strong one (sb:passwd {}); the policy refuses such passwords now",
                        account.name(), guessed.get(), account.name());
            }
        }
        if (!unchecked.isEmpty())
            log.info("not checked (password set before digest secrets were kept): {}", String.join(", ", unchecked));
        if (weak == 0) log.info("no account uses a common password, its user name or its extension");
        return new Result(log);
    }

    /** The user name, the extension, and the common passwords, each with what it is called in a finding. */
    static List<String[]> candidates(Account account) {
        List<String[]> c = new ArrayList<>();
        c.add(new String[] {account.name(), "its user name"});
        account.extension().ifPresent(e -> c.add(new String[] {e, "its extension number"}));
        // the list is compared ignoring case when a password is set; here the usual spellings are tried
        for (String p : CommonPasswords.list())
            for (String spelling : new LinkedHashSet<>(List.of(p, Character.toUpperCase(p.charAt(0)) + p.substring(1), p.toUpperCase(Locale.ROOT))))
                c.add(new String[] {spelling, "on the list of common passwords"});
        return c;
    }

    static Optional<String> guess(DigestSecret secret, List<String[]> candidates) {
        String prefix = secret.username() + ":" + secret.realm() + ":";
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (String[] c : candidates) {
                String hex = HexFormat.of().formatHex(md5.digest((prefix + c[0]).getBytes(StandardCharsets.UTF_8)));
                if (hex.equalsIgnoreCase(secret.md5())) return Optional.of(c[1]);
            }
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
