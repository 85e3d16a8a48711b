package switchboard.core.internal.accounts;

import java.nio.charset.StandardCharsets;
import java.nio.CharBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import switchboard.api.accounts.Account;
import switchboard.api.accounts.DigestSecret;

/**
 * The digest HA1 values of an account, hex MD5 and SHA-256 of {@code username:realm:password}, for
 * its name and (when it has one) its extension, since a phone may authenticate as either.
 */
record DigestHashes(String realm, String md5Name, String sha256Name, String md5Extension, String sha256Extension) {
    static final int FIELDS = 5;

    static DigestHashes of(String name, Optional<String> extension, String realm, char[] password) {
        String ext = extension.orElse(null);
        return new DigestHashes(realm, ha1("MD5", name, realm, password), ha1("SHA-256", name, realm, password),
                ext == null ? "" : ha1("MD5", ext, realm, password), ext == null ? "" : ha1("SHA-256", ext, realm, password));
    }

    Optional<DigestSecret> secret(Account account, String username) {
        if (username.equals(account.name())) return Optional.of(new DigestSecret(account, username, realm, md5Name, sha256Name));
        if (account.extension().filter(username::equals).isPresent() && !md5Extension.isEmpty())
            return Optional.of(new DigestSecret(account, username, realm, md5Extension, sha256Extension));
        return Optional.empty();
    }

    String fields() {
        return String.join(";", realm, md5Name, sha256Name, md5Extension, sha256Extension);
    }

    static DigestHashes parse(String[] f, int from) {
        return new DigestHashes(f[from], f[from + 1], f[from + 2], f[from + 3], f[from + 4]);
    }

    private static String ha1(String algorithm, String username, String realm, char[] password) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            digest.update((username + ":" + realm + ":").getBytes(StandardCharsets.UTF_8));
            digest.update(StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
