package switchboard.mail.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.mail.internal.alias.AliasTable;
import switchboard.mail.internal.maildir.MailStore;
import switchboard.mail.internal.smtp.RecipientRouter;

class FetchDeliveryTest {
    private static final Set<String> USERS = Set.of("admin", "anna", "bob", "carol");
    @TempDir
    Path dir;

    private MailStore store() {
        return new MailStore(dir.resolve("mail"));
    }

    private FetchDelivery delivery(MailStore store) {
        AliasTable aliases = new AliasTable(Map.of("sales", List.of("anna", "carol"), "all", List.of("sales", "bob", "nobody")));
        return new FetchDelivery(store, () -> new RecipientRouter("office.lan", aliases, USERS::contains));
    }

    private static FetchSettings account(String user) throws InvalidConfigurationException {
        return FetchSettings.parse(Map.of("user", user, "server", "pop.isp.example", "login", "office", "password", "x"));
    }

    private Path message(String headers) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "m", ".eml"), headers + "\r\nbody\r\n", StandardCharsets.UTF_8);
    }

    private int count(MailStore store, String user) throws IOException {
        return store.mailbox(user).messages().size();
    }

    @Test
    void theCatchAllDeliversOnceToEachLocalRecipientThroughAliases() throws Exception {
        MailStore store = store();
        Path m = message("To: all@office.lan, Anna <anna@office.lan>\r\nCc: stranger@else.example\r\nMessage-ID: <1@x>\r\n");
        assertEquals(3, delivery(store).deliver(m, account("admin"), "u1"), "anna, carol, bob; nobody is no user");
        assertEquals(List.of(1, 1, 1, 0), List.of(count(store, "anna"), count(store, "bob"), count(store, "carol"), count(store, "admin")));
        assertEquals(0, delivery(store).deliver(m, account("admin"), "u1-again"), "the same Message-ID again: every mailbox has it");
    }

    @Test
    void theCatchAllGivesTheAdminWhatNoLocalUserIsNamedIn() throws Exception {
        MailStore store = store();
        assertEquals(1, delivery(store).deliver(message("To: someone@else.example\r\n"), account("admin"), "u1"));
        assertEquals(1, delivery(store).deliver(message("garbage without any field"), account("admin"), "u2"));
        assertEquals(2, count(store, "admin"));
    }

    @Test
    void aUsersAccountDeliversEverythingToTheUserAndWithoutMessageIdDedupesByUniqueId() throws Exception {
        MailStore store = store();
        Path m = message("To: bob@office.lan\r\n");
        assertEquals(1, delivery(store).deliver(m, account("anna"), "u1"));
        assertEquals(0, delivery(store).deliver(m, account("anna"), "u1"), "same provider mailbox and unique id");
        assertEquals(1, delivery(store).deliver(m, account("anna"), "u2"));
        assertEquals(List.of(2, 0), List.of(count(store, "anna"), count(store, "bob")));
        String stored = Files.readString(store.mailbox("anna").messages().get(0).path(), StandardCharsets.UTF_8);
        assertEquals("To: bob@office.lan\r\n\r\nbody\r\n", stored, "stored byte for byte");
    }
}
