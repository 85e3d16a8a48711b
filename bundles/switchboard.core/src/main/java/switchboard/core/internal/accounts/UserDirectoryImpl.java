package switchboard.core.internal.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.accounts.Account;
import switchboard.api.accounts.DigestSecret;
import switchboard.api.accounts.ImportReport;
import switchboard.api.accounts.LoginListener;
import switchboard.api.accounts.LoginResult;
import switchboard.api.accounts.UserDirectory;
import switchboard.api.firewall.BanList;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkModel;
import switchboard.core.internal.home.Home;

@Component(immediate = true)
public class UserDirectoryImpl implements UserDirectory {
    static final String INITIAL_PASSWORD_FILE = "initial-admin-password";
    private static final Logger LOG = LoggerFactory.getLogger(UserDirectoryImpl.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,31}");
    private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,6}");
    private static final long VERIFIED_MILLIS = 5 * 60_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Failures from one address (counted ones: the throttle spaces them out) from which on, when the firewall runs, each bans it anew. */
    static final int BAN_AFTER_FAILURES = LoginThrottle.FREE_FAILURES + 2;
    static final Duration BAN_DURATION = Duration.ofMinutes(15);

    /** A recent successful login, so that per-request logins (HTTP Basic) do not re-run the slow KDF. */
    private record Verified(byte[] digest, long until) {}

    private final AccountFile file;
    private final Path initialPasswordFile;
    private final AccountTable accounts;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final byte[] pepper = new byte[32];
    private final LoginThrottle throttle = new LoginThrottle(System::currentTimeMillis);
    /** The digest realm, the office domain at the time a password is set. */
    private final Supplier<String> realm;
    private final List<LoginListener> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile BanList banList;

    @Activate
    public UserDirectoryImpl(BundleContext context, @Reference NetworkModel network) throws IOException {
        this(Home.root(context).resolve("data"), () -> network.current().domain());
    }

    /** @param data the data directory: accounts in {@code accounts/}, the initial admin password beside it */
    UserDirectoryImpl(Path data, Supplier<String> realm) throws IOException {
        this.realm = realm;
        file = new AccountFile(Files.createDirectories(data.resolve("accounts")));
        initialPasswordFile = data.resolve(INITIAL_PASSWORD_FILE);
        accounts = new AccountTable(file.load());
        RANDOM.nextBytes(pepper);
        if (!accounts.containsKey(ADMIN)) createInitialAdmin();
    }

    private void createInitialAdmin() throws IOException {
        char[] password = randomPassword();
        accounts.put(ADMIN, withPassword(new StoredAccount(ADMIN, true, Optional.empty(), ""), password));
        file.save(accounts.values());
        AccountFile.writeAtomically(initialPasswordFile, new String(password) + "\n");
        // printed once, on the terminal of the first start; it stays in the file until it is changed
        System.out.println("Initial admin password: " + new String(password)
                + "   (kept in " + initialPasswordFile + " until you change it with sb:passwd or the console)");
        LOG.info("created the admin account; its initial password is in {}", initialPasswordFile);
    }

    private static char[] randomPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        char[] p = new char[20];
        for (int i = 0; i < p.length; i++) p[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        return p;
    }

    @Override
    public List<Account> accounts() {
        return accounts.values().stream().map(StoredAccount::account)
                .sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    @Override
    public Optional<Account> find(String name) {
        return Optional.ofNullable(accounts.get(name)).map(StoredAccount::account);
    }

    @Override
    public LoginResult login(String name, char[] password, String source) {
        if (!throttle.allowed(source)) return throttled(name, source);
        StoredAccount account = name == null ? null : accounts.get(name);
        byte[] digest = digest(name, password);
        Verified recent = name == null ? null : verified.get(name);
        boolean ok;
        if (account != null && recent != null && recent.until() > System.currentTimeMillis()
                && MessageDigest.isEqual(recent.digest(), digest)) {
            ok = true;
        } else {
            // unknown users and SIP-only accounts cost the same hashing as a real password, and fail
            boolean canLogIn = account != null && account.canLogIn();
            ok = PasswordHash.verify(password, canLogIn ? account.hash() : PasswordHash.decoy()) && canLogIn;
            if (ok) {
                verified.put(name, new Verified(digest, System.currentTimeMillis() + VERIFIED_MILLIS));
                if (PasswordHash.needsUpgrade(account.hash())) upgrade(account, password);
            }
        }
        return counted(name, ok, source);
    }

    @Override
    public LoginResult recordLogin(String name, boolean succeeded, String source) {
        return throttle.allowed(source) ? counted(name, succeeded, source) : throttled(name, source);
    }

    @Override
    public void forgive(String source) {
        throttle.succeeded(source);
        LOG.info("failed logins from {} forgiven", source);
    }

    private LoginResult throttled(String name, String source) {
        LOG.warn("login for '{}' from {} throttled after repeated failures", name, source);
        return told(name, source, LoginResult.THROTTLED);
    }

    private LoginResult counted(String name, boolean ok, String source) {
        if (ok) {
            throttle.succeeded(source);
            return told(name, source, LoginResult.ACCEPTED);
        }
        int failures = throttle.failed(source);
        LOG.warn("failed login for '{}' from {}", name, source);
        if (failures >= BAN_AFTER_FAILURES) ban(source, failures);
        return told(name, source, LoginResult.REJECTED);
    }

    /** Past the throttle, a source that keeps guessing is shut out by the firewall (never loopback). */
    private void ban(String source, int failures) {
        BanList bans = banList;
        if (bans == null) return;
        try {
            Inet4Address address = Cidr.parseIpv4(source);
            if (address.isLoopbackAddress()) return;
            bans.ban(address, BAN_DURATION, failures + " failed logins");
            LOG.warn("{} banned for {} min after {} failed logins", source, BAN_DURATION.toMinutes(), failures);
        } catch (RuntimeException e) { // an IPv6 source, or the firewall refused
            LOG.warn("cannot ban {}: {}", source, e.getMessage());
        }
    }

    private LoginResult told(String name, String source, LoginResult result) {
        for (LoginListener l : listeners) {
            try {
                l.loginAttempted(name, source, result);
            } catch (RuntimeException e) {
                LOG.warn("login listener {} failed", l, e);
            }
        }
        return result;
    }

    /** Rehashes a password stored with less work than today's, now that it is known to be right. */
    private synchronized void upgrade(StoredAccount account, char[] password) {
        if (accounts.get(account.name()) != account) return;
        accounts.put(account.name(), withPassword(account, password));
        try {
            save();
            LOG.info("password hash of '{}' upgraded", account.name());
        } catch (IOException e) {
            accounts.put(account.name(), account);
            LOG.warn("cannot save the upgraded password hash of '{}': {}", account.name(), e.getMessage());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addLoginListener(LoginListener listener) {
        listeners.add(listener);
    }

    void removeLoginListener(LoginListener listener) {
        listeners.remove(listener);
    }

    private byte[] digest(String name, char[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pepper);
            sha.update(String.valueOf(name).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized Account setPassword(String name, char[] password) throws IOException {
        StoredAccount existing = existing(name);
        requireStrong(name, existing.extension(), password);
        accounts.put(name, withPassword(existing, password));
        save();
        verified.remove(name);
        if (name.equals(ADMIN)) Files.deleteIfExists(initialPasswordFile);
        LOG.info("password of '{}' changed", name);
        return accounts.get(name).account();
    }

    @Override
    public synchronized Account setSipSecret(String name, char[] secret) throws IOException {
        StoredAccount existing = existing(name);
        requireStrong(name, existing.extension(), secret);
        accounts.put(name, withSipSecret(existing, secret));
        save();
        LOG.info("SIP secret of '{}' set", name);
        return existing.account();
    }

    private StoredAccount existing(String name) {
        StoredAccount account = accounts.get(name);
        if (account == null) throw new IllegalArgumentException("no user '" + name + "'");
        return account;
    }

    @Override
    public synchronized Account createPhone(String name, Optional<String> extension, char[] sipSecret) throws IOException {
        StoredAccount account = newSipAccount(name, sipSecret, extension);
        accounts.put(name, account);
        save();
        LOG.info("phone '{}' created", name);
        return account.account();
    }

    @Override
    public synchronized Account create(String name, char[] password, Optional<String> extension) throws IOException {
        StoredAccount account = newAccount(name, password, extension);
        accounts.put(name, account);
        save();
        LOG.info("user '{}' created", name);
        return account.account();
    }

    private StoredAccount newAccount(String name, char[] password, Optional<String> extension) {
        requireNew(name, extension);
        requireStrong(name, extension, password);
        return withPassword(new StoredAccount(name, false, extension, ""), password);
    }

    /** A SIP-only account: digest secrets of the SIP secret, no login password (so no slow KDF either). */
    private StoredAccount newSipAccount(String name, char[] secret, Optional<String> extension) {
        requireNew(name, extension);
        requireStrong(name, extension, secret);
        return withSipSecret(new StoredAccount(name, false, extension, StoredAccount.NO_LOGIN), secret);
    }

    private void requireNew(String name, Optional<String> extension) {
        if (name == null || !NAME.matcher(name).matches())
            throw new IllegalArgumentException("'" + name + "' is not a user name (lower case letters, digits, . _ -; starting with a letter)");
        if (accounts.containsKey(name)) throw new IllegalArgumentException("user '" + name + "' exists already");
        if (extension.isPresent()) {
            if (!EXTENSION.matcher(extension.get()).matches())
                throw new IllegalArgumentException("extension '" + extension.get() + "' must be 2 to 6 digits");
            StoredAccount owner = accounts.byExtension(extension.get());
            if (owner != null) throw new IllegalArgumentException("extension " + extension.get() + " belongs to '" + owner.name() + "'");
        }
    }

    /** The account with the KDF hash and the digest secrets of {@code password} (never the password itself). */
    private StoredAccount withPassword(StoredAccount account, char[] password) {
        return account.withPassword(PasswordHash.hash(password),
                DigestHashes.of(account.name(), account.extension(), realm.get(), password));
    }

    private StoredAccount withSipSecret(StoredAccount account, char[] secret) {
        return account.withSipSecret(DigestHashes.of(account.name(), account.extension(), realm.get(), secret));
    }

    @Override
    public Optional<DigestSecret> digestSecret(String username) {
        if (username == null || username.isEmpty()) return Optional.empty();
        StoredAccount byName = accounts.get(username);
        StoredAccount account = byName != null ? byName : accounts.byExtension(username);
        if (account == null) return Optional.empty();
        return account.digest().flatMap(d -> d.secret(account.account(), username));
    }

    private static void requireStrong(String name, Optional<String> extension, char[] password) {
        PasswordPolicy.weakness(name, extension, password).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
    }

    @Override
    public synchronized void remove(String name) throws IOException {
        if (ADMIN.equals(name)) throw new IllegalArgumentException("the admin account cannot be removed");
        if (accounts.remove(name) == null) throw new IllegalArgumentException("no user '" + name + "'");
        verified.remove(name);
        save();
    }

    @Override
    public synchronized ImportReport importCsv(Reader csv) throws IOException {
        int created = 0;
        int updated = 0;
        List<String> errors = new ArrayList<>();
        BufferedReader reader = new BufferedReader(csv);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split(";", -1);
            try {
                if (f.length < 2 || f.length > 4) throw new IllegalArgumentException("expected user;password[;extension[;SIP secret]]");
                String name = f[0].trim();
                char[] password = f[1].toCharArray();
                Optional<String> extension = f.length >= 3 && !f[2].isBlank() ? Optional.of(f[2].trim()) : Optional.empty();
                char[] secret = f.length == 4 ? f[3].toCharArray() : new char[0];
                if (password.length == 0 && secret.length == 0) throw new IllegalArgumentException("neither a password nor a SIP secret");
                StoredAccount existing = accounts.get(name);
                if (existing != null) {
                    StoredAccount changed = existing;
                    if (password.length > 0) {
                        requireStrong(name, existing.extension(), password);
                        changed = withPassword(changed, password);
                    }
                    if (secret.length > 0) {
                        requireStrong(name, existing.extension(), secret);
                        changed = withSipSecret(changed, secret);
                    }
                    accounts.put(name, changed);
                    verified.remove(name);
                    if (name.equals(ADMIN) && password.length > 0) Files.deleteIfExists(initialPasswordFile);
                    updated++;
                } else {
                    StoredAccount account = password.length == 0 ? newSipAccount(name, secret, extension) : newAccount(name, password, extension);
                    if (password.length > 0 && secret.length > 0) {
                        requireStrong(name, extension, secret);
                        account = withSipSecret(account, secret);
                    }
                    accounts.put(name, account);
                    created++;
                }
                Arrays.fill(password, ' ');
                Arrays.fill(secret, ' ');
            } catch (IllegalArgumentException e) {
                errors.add("line " + number + ": " + e.getMessage());
            }
        }
        save();
        LOG.info("imported users: {} created, {} updated, {} refused", created, updated, errors.size());
        return new ImportReport(created, updated, errors);
    }

    private void save() throws IOException {
        file.save(accounts.values());
    }
}
