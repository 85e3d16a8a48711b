package switchboard.audit.internal.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import switchboard.api.accounts.Account;
import switchboard.api.accounts.DigestSecret;

/** Secrets computed as the directory computes them (MD5 of user:realm:password), from known passwords. */
class WeakPasswordCheckTest {
    private static final String REALM = "office.example";
    private static final Account ANNA = new Account("anna", false, Optional.of("201"));

    @Test
    void findsCommonPasswordsTheUserNameAndTheExtension() throws Exception {
        assertEquals(Optional.of("on the list of common passwords"), guess("Password123"));
        assertEquals(Optional.of("its user name"), guess("anna"));
        assertEquals(Optional.of("its extension number"), guess("201"));
    }

    @Test
    void aStrongPasswordIsNotFound() throws Exception {
        assertEquals(Optional.empty(), guess("tram-Velvet-93-oboe"));
    }

    private static Optional<String> guess(String password) throws Exception {
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(("anna:" + REALM + ":" + password).getBytes(StandardCharsets.UTF_8)));
        DigestSecret secret = new DigestSecret(ANNA, "anna", REALM, md5, "unused");
        return WeakPasswordCheck.guess(secret, WeakPasswordCheck.candidates(ANNA));
    }
}
