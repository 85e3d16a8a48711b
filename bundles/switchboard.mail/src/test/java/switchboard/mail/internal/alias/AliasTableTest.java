package switchboard.mail.internal.alias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AliasTableTest {
    private final AliasTable table = new AliasTable(Map.of(
            "sales", List.of("anna", "bob"),
            "anna", List.of("anna", "anna@isp.example"),
            "all", List.of("sales", "carol@office.lan", "partner@other.example"),
            "loop1", List.of("loop2"),
            "loop2", List.of("bob", "loop1")));

    @Test
    void groupExpandsToMailboxes() throws AliasLoopException {
        AliasTable.Expansion e = table.expand("sales", "office.lan");
        assertEquals(Set.of("anna", "bob"), e.mailboxes(), "anna is itself an alias that keeps her mailbox");
        assertEquals(Set.of("anna@isp.example"), e.remote(), "anna's forward applies through the group too");
    }

    @Test
    void selfReferenceKeepsLocalCopyAndForwards() throws AliasLoopException {
        AliasTable.Expansion e = table.expand("Anna", "office.lan");
        assertEquals(Set.of("anna"), e.mailboxes());
        assertEquals(Set.of("anna@isp.example"), e.remote());
    }

    @Test
    void nestedAliasesAndOurDomainAddressesAreLocal() throws AliasLoopException {
        AliasTable.Expansion e = table.expand("all", "Office.LAN");
        assertEquals(Set.of("anna", "bob", "carol"), e.mailboxes());
        assertEquals(Set.of("anna@isp.example", "partner@other.example"), e.remote());
    }

    @Test
    void loopIsRefusedAndNamed() {
        AliasLoopException e = assertThrows(AliasLoopException.class, () -> table.expand("loop1", "office.lan"));
        assertTrue(e.getMessage().contains("loop1"), e.getMessage());
    }

    @Test
    void onlyDefinedNamesAreAliases() {
        assertTrue(table.isAlias("SALES"));
        assertFalse(table.isAlias("bob"));
    }
}
