package switchboard.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The provider's POP3 server for the fetch tests: Dovecot run from the test with its own configuration in
 * {@code dir}, on free loopback ports (POP3 with STLS and POP3S), users in a passwd-file, Maildirs under
 * {@code dir/mail/}, a self-signed certificate for 127.0.0.1 in {@code dir/isp.pem}. Stopped by {@link #close()}.
 */
final class Dovecot implements AutoCloseable {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private final AtomicInteger sequence = new AtomicInteger();
    final Path dir;
    final int pop3 = FreePort.pick();
    final int pop3s = FreePort.pick();
    private final String mailUid;
    private final String mailGid;
    /** Dovecot's sockets: a short path of its own, as a UNIX socket path is limited to 107 bytes. */
    private final Path sockets;
    private final Process process;

    /** @param users login to password */
    Dovecot(Path dir, Map<String, String> users) {
        this.dir = dir;
        // as root, Dovecot's login processes must run as its unprivileged users, and mail as a user that is not root
        String owner = ROOT ? "dovecot" : System.getProperty("user.name");
        mailUid = ClientCommand.succeed(List.of("id", "-u", owner)).strip();
        mailGid = ClientCommand.succeed(List.of("id", "-g", owner)).strip();
        try {
            Files.createDirectories(dir);
            sockets = Files.createTempDirectory("dovecot-");
            ClientCommand.succeed(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", dir.resolve("isp.key").toString(), "-out", certificate().toString(), "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"));
            StringBuilder passwd = new StringBuilder();
            for (Map.Entry<String, String> u : users.entrySet()) {
                passwd.append(u.getKey()).append(":{PLAIN}").append(u.getValue()).append(':').append(mailUid).append(':').append(mailGid)
                        .append("::").append(dir.resolve("mail").resolve(u.getKey())).append('\n');
                for (String sub : List.of("new", "cur", "tmp")) Files.createDirectories(maildir(u.getKey()).resolve(sub));
            }
            Files.writeString(dir.resolve("users"), passwd.toString(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("dovecot.conf"), config(ROOT ? "dovenull" : owner, owner), StandardCharsets.UTF_8);
            if (ROOT) ClientCommand.succeed(List.of("chown", "-R", mailUid + ":" + mailGid, dir.resolve("mail").toString()));
            process = new ProcessBuilder("dovecot", "-F", "-c", dir.resolve("dovecot.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("dovecot.out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dovecot (bash .ci/install-test-tools installs it)", e);
        }
        MailPorts.awaitOpen("127.0.0.1", pop3);
        MailPorts.awaitOpen("127.0.0.1", pop3s);
    }

    private String config(String loginUser, String internalUser) {
        return String.join("\n", "base_dir = " + sockets, "state_dir = " + dir.resolve("state"), "instance_name = isp-" + pop3,
                "protocols = pop3", "listen = 127.0.0.1", "ssl = yes", "ssl_cert = <" + certificate(), "ssl_key = <" + dir.resolve("isp.key"),
                "disable_plaintext_auth = no", "auth_failure_delay = 0", "log_path = " + dir.resolve("dovecot.log"),
                "first_valid_uid = 1", "default_login_user = " + loginUser, "default_internal_user = " + internalUser,
                "mail_location = maildir:~/Maildir", "pop3_uidl_format = %f",
                "passdb {", "  driver = passwd-file", "  args = " + dir.resolve("users"), "}",
                "userdb {", "  driver = passwd-file", "  args = " + dir.resolve("users"), "}",
                "service pop3-login {", "  chroot =", "  inet_listener pop3 {", "    port = " + pop3, "  }",
                "  inet_listener pop3s {", "    port = " + pop3s, "    ssl = yes", "  }", "}", "service anvil {", "  chroot =", "}", "");
    }

    Path certificate() {
        return dir.resolve("isp.pem");
    }

    private Path maildir(String login) {
        return dir.resolve("mail").resolve(login).resolve("Maildir");
    }

    /** Puts a message (LF line ends, as Maildir keeps them) into the login's mailbox at the provider. */
    void deliver(String login, byte[] message) {
        try {
            String name = System.currentTimeMillis() / 1000 + ".T" + sequence.incrementAndGet() + ".isp";
            Path tmp = maildir(login).resolve("tmp").resolve(name);
            Files.write(tmp, message);
            if (ROOT) {
                Files.setAttribute(tmp, "unix:uid", Integer.parseInt(mailUid));
                Files.setAttribute(tmp, "unix:gid", Integer.parseInt(mailGid));
            }
            Files.move(tmp, maildir(login).resolve("new").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deliver(String login, String message) {
        deliver(login, message.getBytes(StandardCharsets.UTF_8));
    }

    /** How many messages the login's mailbox at the provider holds. */
    int count(String login) {
        int n = 0;
        for (String sub : List.of("new", "cur")) {
            try (Stream<Path> files = Files.list(maildir(login).resolve(sub))) {
                n += (int) files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return n;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        ClientCommand.succeed(List.of("rm", "-rf", sockets.toString()));
    }

}
