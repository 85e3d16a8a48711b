package switchboard.mail.internal.pop3;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.accounts.LoginResult;
import switchboard.api.accounts.UserDirectory;
import switchboard.mail.internal.maildir.MailStore;
import switchboard.mail.internal.maildir.MaildirMessage;
import switchboard.mail.internal.net.DotStuffing;
import switchboard.mail.internal.tls.TlsMaterial;

/** One POP3 connection (RFC 1939 with CAPA, UIDL, TOP, RESP-CODES of RFC 2449 and STLS of RFC 2595). */
final class Pop3Session implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Pop3Session.class);
    private final Socket plain;
    private final SSLContext tls;
    private final UserDirectory users;
    private final MailStore store;
    private final MailboxLocks locks;
    private final Predicate<Socket> plaintextLoginAllowed;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean encrypted;
    private String user;
    private String lockedUser;
    private Pop3Mailbox mailbox;

    Pop3Session(Socket socket, SSLContext tls, UserDirectory users, MailStore store, MailboxLocks locks,
            Predicate<Socket> plaintextLoginAllowed) {
        this.plain = socket;
        this.tls = tls;
        this.users = users;
        this.store = store;
        this.locks = locks;
        this.plaintextLoginAllowed = plaintextLoginAllowed;
    }

    @Override
    public void run() {
        try {
            use(plain, plain instanceof SSLSocket);
            reply("+OK Switchboard POP3 ready");
            for (String line; (line = CommandLine.read(in)) != null; ) {
                if (!handle(line)) break;
            }
        } catch (CommandLine.TooLongException e) {
            quietly(() -> reply("-ERR command line too long"));
        } catch (SocketTimeoutException e) {
            quietly(() -> reply("-ERR [SYS/TEMP] idle for too long"));
        } catch (IOException e) {
            LOG.debug("POP3 connection from {} ended: {}", plain.getInetAddress(), e.getMessage());
        } finally {
            unlock();
            quietly(() -> socket.close());
        }
    }

    private void use(Socket s, boolean isEncrypted) throws IOException {
        socket = s;
        in = s.getInputStream();
        out = new BufferedOutputStream(s.getOutputStream());
        encrypted = isEncrypted;
    }

    /** @return false when the connection is to be closed */
    private boolean handle(String line) throws IOException {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        if (verb.equals("CAPA")) return capabilities();
        if (verb.equals("QUIT")) return quit();
        if (verb.equals("NOOP") && mailbox != null) return reply("+OK");
        return mailbox == null ? authorization(verb, argument) : transaction(verb, argument);
    }

    private boolean capabilities() throws IOException {
        StringBuilder sb = new StringBuilder("+OK capabilities follow\r\n");
        if (mailbox == null && mayLogInHere()) sb.append("USER\r\n");
        if (mailbox == null && !encrypted) sb.append("STLS\r\n");
        sb.append("TOP\r\nUIDL\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\nIMPLEMENTATION Switchboard\r\n.");
        return reply(sb.toString());
    }

    private boolean mayLogInHere() {
        return encrypted || plaintextLoginAllowed.test(plain);
    }

    private boolean authorization(String verb, String argument) throws IOException {
        switch (verb) {
            case "STLS" -> {
                if (encrypted) return reply("-ERR TLS is already active");
                reply("+OK begin TLS negotiation");
                SSLSocket upgraded = TlsMaterial.serverSide(tls, plain);
                upgraded.startHandshake();
                use(upgraded, true);
                user = null;
                return true;
            }
            case "USER" -> {
                if (!mayLogInHere()) return reply("-ERR [AUTH] log in over TLS: use STLS first");
                if (argument.isBlank()) return reply("-ERR USER needs a name");
                user = argument.strip().toLowerCase(Locale.ROOT);
                return reply("+OK send PASS");
            }
            case "PASS" -> {
                if (user == null) return reply("-ERR USER first");
                return login(argument);
            }
            default -> {
                return reply("-ERR not valid before login: " + printable(verb));
            }
        }
    }

    private boolean login(String password) throws IOException {
        String name = user;
        user = null;
        LoginResult result = users.login(name, password.toCharArray(), plain.getInetAddress().getHostAddress());
        if (result == LoginResult.THROTTLED) {
            reply("-ERR [SYS/TEMP] too many failed logins from your address, try later");
            return false;
        }
        if (result != LoginResult.ACCEPTED) {
            LOG.info("POP3 login for '{}' from {} refused", name, plain.getInetAddress().getHostAddress());
            return reply("-ERR [AUTH] invalid user name or password");
        }
        if (!locks.acquire(name)) return reply("-ERR [IN-USE] mailbox already open in another session");
        lockedUser = name;
        mailbox = new Pop3Mailbox(store.mailbox(name));
        return reply("+OK " + mailbox.size() + " messages");
    }

    private boolean transaction(String verb, String argument) throws IOException {
        switch (verb) {
            case "STAT" -> {
                return reply("+OK " + mailbox.liveCount() + " " + mailbox.liveOctets());
            }
            case "LIST", "UIDL" -> {
                boolean uidl = verb.equals("UIDL");
                if (!argument.isBlank()) {
                    Optional<MaildirMessage> m = message(argument);
                    if (m.isEmpty()) return reply("-ERR no such message");
                    return reply("+OK " + argument.strip() + " " + (uidl ? m.get().uniqueName() : m.get().size()));
                }
                StringBuilder sb = new StringBuilder("+OK\r\n");
                for (int i = 1; i <= mailbox.size(); i++) {
                    int n = i;
                    mailbox.message(i).ifPresent(m -> sb.append(n).append(' ').append(uidl ? m.uniqueName() : m.size()).append("\r\n"));
                }
                return reply(sb.append('.').toString());
            }
            case "RETR", "TOP" -> {
                String[] args = argument.strip().split(" +");
                boolean top = verb.equals("TOP");
                if (args.length != (top ? 2 : 1)) return reply("-ERR syntax: " + (top ? "TOP msg lines" : "RETR msg"));
                Optional<MaildirMessage> m = message(args[0]);
                int lines = top ? number(args[1]) : -1;
                if (m.isEmpty()) return reply("-ERR no such message");
                if (top && lines < 0) return reply("-ERR bad line count");
                byte[] body = DotStuffing.encode(mailbox.content(m.get()), lines);
                out.write(("+OK " + m.get().size() + " octets\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return true;
            }
            case "DELE" -> {
                int n = number(argument.strip());
                return reply(mailbox.markDeleted(n) ? "+OK message " + n + " deleted" : "-ERR no such message");
            }
            case "RSET" -> {
                mailbox.unmarkAll();
                return reply("+OK");
            }
            default -> {
                return reply("-ERR unknown command " + printable(verb));
            }
        }
    }

    /**
     * The UPDATE state (RFC 1939 §6): deleted messages are removed and the mailbox is released before the reply,
     * so a client that logs in again as soon as it reads it finds the mailbox free.
     */
    private boolean quit() throws IOException {
        boolean allRemoved = mailbox == null || mailbox.expunge() == 0;
        unlock();
        reply(allRemoved ? "+OK bye" : "-ERR [SYS/TEMP] some deleted messages were not removed");
        return false;
    }

    private void unlock() {
        if (lockedUser == null) return;
        locks.release(lockedUser);
        lockedUser = null;
    }

    private Optional<MaildirMessage> message(String number) {
        return mailbox.message(number(number.strip()));
    }

    /** A message number or count; -1 for anything that is not a small non-negative decimal. */
    static int number(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) return -1;
        return Integer.parseInt(text);
    }

    private static String printable(String s) {
        String cut = s.length() > 20 ? s.substring(0, 20) : s;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }

    private boolean reply(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return true;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void quietly(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            // the connection is going away anyway
        }
    }
}
