package switchboard.sip.internal;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import switchboard.api.accounts.Account;
import switchboard.api.accounts.DigestSecret;
import switchboard.api.accounts.ImportReport;
import switchboard.api.accounts.LoginResult;
import switchboard.api.accounts.UserDirectory;

/** A fixed directory: alice (extension 201) and bob, with the digest secrets core would compute. */
final class OfficeDirectory implements UserDirectory {
    static final String REALM = "office.example";
    static final Map<String, String> PASSWORDS = Map.of("alice", "alice-secret-1", "bob", "bob-secret-2");
    private static final Account ALICE = new Account("alice", false, Optional.of("201"));
    private static final Account BOB = new Account("bob", false, Optional.empty());

    @Override
    public Optional<DigestSecret> digestSecret(String username) {
        Account a = switch (username) {
            case "alice", "201" -> ALICE;
            case "bob" -> BOB;
            default -> null;
        };
        if (a == null) return Optional.empty();
        String a1 = username + ":" + REALM + ":" + PASSWORDS.get(a.name());
        return Optional.of(new DigestSecret(a, username, REALM, hex("MD5", a1), hex("SHA-256", a1)));
    }

    static String hex(String algorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Account> accounts() {
        return List.of(ALICE, BOB);
    }

    @Override
    public Optional<Account> find(String name) {
        return accounts().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    @Override
    public LoginResult login(String name, char[] password, String source) {
        throw new UnsupportedOperationException("the registrar never sees passwords");
    }

    /** Every digest outcome the registrar reported, as {@code name:accepted|rejected}. */
    final List<String> recorded = new CopyOnWriteArrayList<>();

    @Override
    public LoginResult recordLogin(String name, boolean succeeded, String source) {
        recorded.add(name + ":" + (succeeded ? "accepted" : "rejected"));
        return succeeded ? LoginResult.ACCEPTED : LoginResult.REJECTED;
    }

    @Override
    public void forgive(String source) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Account setPassword(String name, char[] password) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Account setSipSecret(String name, char[] secret) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Account create(String name, char[] password, Optional<String> extension) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Account createPhone(String name, Optional<String> extension, char[] sipSecret) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void remove(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ImportReport importCsv(Reader csv) {
        throw new UnsupportedOperationException();
    }
}
