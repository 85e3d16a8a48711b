package switchboard.api.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Passwords found at the top of leaked-password lists (and the defaults of office equipment): refused
 * when a password is set, and tried against the stored digest secrets by the security audit.
 */
public final class CommonPasswords {
    private static final List<String> LIST = load();
    private static final Set<String> LOWER = Set.copyOf(LIST.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList());

    private CommonPasswords() {}

    /** The list, most common first. */
    public static List<String> list() {
        return LIST;
    }

    /** True when {@code password}, ignoring case, is on the list. */
    public static boolean contains(CharSequence password) {
        return LOWER.contains(password.toString().toLowerCase(Locale.ROOT));
    }

    private static List<String> load() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) throw new IllegalStateException("common-passwords.txt is missing from the API bundle");
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
