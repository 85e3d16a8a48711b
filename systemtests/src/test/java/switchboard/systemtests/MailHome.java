package switchboard.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A home prepared for the mail tests: users anna, bob and carol in the account file (PBKDF2 hashes as core
 * writes them, with few iterations to keep the test fast), the mail endpoints on free loopback ports.
 */
final class MailHome {
    static final String DOMAIN = "office.lan";
    static final String PASSWORD = "correct-horse-battery";
    final SwitchboardHome home;
    final int smtp = FreePort.pick();
    final int submission = FreePort.pick();
    final int smtps = FreePort.pick();
    final int pop3 = FreePort.pick();
    final int pop3s = FreePort.pick();

    MailHome(SwitchboardHome home, String address, String extraMailConfig) {
        this.home = home;
        home.writeConfig("switchboard.mail", "address = " + address + "\nsmtp.port = " + smtp + "\nsubmission.port = " + submission
                + "\nsmtps.port = " + smtps + "\npop3.port = " + pop3 + "\npop3s.port = " + pop3s + "\n" + extraMailConfig);
        try {
            Files.createDirectories(home.accountFile().getParent());
            Files.writeString(home.accountFile(), String.join("\n", user("anna"), user("bob"), user("carol")) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void alias(String name, String members) {
        home.writeConfig("switchboard.mail.alias-" + name, "name = " + name + "\nmembers = " + members + "\n");
    }

    private static String user(String name) {
        try {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            int iterations = 1000;
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(PASSWORD.toCharArray(), salt, iterations, 256)).getEncoded();
            Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
            return name + ";user;;pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message files in {@code new/} and {@code cur/} of the user's Maildir. */
    List<Path> messages(String user) {
        Path maildir = home.root().resolve("data/mail").resolve(user).resolve("Maildir");
        List<Path> all = new ArrayList<>();
        for (String sub : List.of("new", "cur")) {
            if (!Files.isDirectory(maildir.resolve(sub))) continue;
            try (Stream<Path> files = Files.list(maildir.resolve(sub))) {
                files.forEach(all::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    /** Files left in the user's {@code tmp/}: half-written messages. */
    long tmpFiles(String user) {
        Path tmp = home.root().resolve("data/mail").resolve(user).resolve("Maildir/tmp");
        if (!Files.isDirectory(tmp)) return 0;
        try (Stream<Path> files = Files.list(tmp)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The envelopes in the outbound queue. */
    List<String> queuedEnvelopes() {
        Path queue = home.root().resolve("data/mail/queue");
        if (!Files.isDirectory(queue)) return List.of();
        try (Stream<Path> files = Files.list(queue)) {
            return files.filter(p -> p.toString().endsWith(".env")).map(TextFile::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(Path message) {
        return TextFile.read(message);
    }
}
