package switchboard.sip.internal.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class LocationTableTest {
    static final String AOR = "sip:201@office.example";
    final LocationTable table = new LocationTable();

    static LocationTable.Registration reg(String callId, long cseq) {
        return new LocationTable.Registration(AOR, callId, cseq, "phone/1.0", "192.0.2.7:5060", "", false);
    }

    @Test
    void keepsSeveralContactsPerAddressAndRefreshesThem() {
        table.register(reg("a", 1), List.of(new ContactUpdate("sip:201@192.0.2.7", 60)), 0);
        RegisterOutcome second = table.register(reg("b", 1), List.of(new ContactUpdate("sip:201@192.0.2.8", 120)), 0);
        assertEquals(2, second.current().size());
        RegisterOutcome refresh = table.register(reg("a", 2), List.of(new ContactUpdate("sip:201@192.0.2.7", 300)), 1000);
        assertEquals(2, refresh.current().size());
        assertEquals(300_000 + 1000, table.current(AOR, 1000).stream()
                .filter(b -> b.contact().equals("sip:201@192.0.2.7")).findFirst().orElseThrow().expiresAt());
    }

    @Test
    void aRefreshKeepsTheTextItSharesWithTheBindingAndTakesWhatChanged() {
        Binding first = table.register(reg("a", 1), List.of(new ContactUpdate("sip:201@192.0.2.7", 60)), 0).saved().get(0);
        LocationTable.Registration again = new LocationTable.Registration(new String(AOR), new String("a"), 2,
                new String("phone/1.0"), "192.0.2.7:5070", "", false);
        Binding refreshed = table.register(again, List.of(new ContactUpdate(new String("sip:201@192.0.2.7"), 60)), 1000).saved().get(0);
        assertSame(first.aor(), refreshed.aor());
        assertSame(first.contact(), refreshed.contact());
        assertSame(first.callId(), refreshed.callId());
        assertSame(first.userAgent(), refreshed.userAgent());
        assertEquals("192.0.2.7:5070", refreshed.source());
        assertEquals(2, refreshed.cseq());
        assertEquals(61_000, refreshed.expiresAt());
        assertEquals(List.of(refreshed), table.current(AOR, 1000));
    }

    @Test
    void anOutOfOrderRequestChangesNothing() {
        table.register(reg("a", 5), List.of(new ContactUpdate("sip:201@192.0.2.7", 60)), 0);
        RegisterOutcome late = table.register(reg("a", 4), List.of(new ContactUpdate("sip:201@192.0.2.7", 0)), 0);
        assertTrue(late.outOfOrder());
        assertFalse(late.changed());
        assertEquals(1, table.current(AOR, 0).size());
        assertTrue(table.register(reg("a", 5), List.of(new ContactUpdate("sip:201@192.0.2.7", 0)), 0).outOfOrder());
        assertFalse(table.register(reg("other-call-id", 1), List.of(new ContactUpdate("sip:201@192.0.2.7", 0)), 0).outOfOrder());
        assertEquals(List.of(), table.current(AOR, 0));
    }

    @Test
    void expiresZeroRemovesOneContactAndWildcardRemovesAll() {
        table.register(reg("a", 1), List.of(new ContactUpdate("sip:201@192.0.2.7", 60), new ContactUpdate("sip:201@192.0.2.8", 60)), 0);
        RegisterOutcome one = table.register(reg("a", 2), List.of(new ContactUpdate("sip:201@192.0.2.7", 0)), 0);
        assertEquals(1, one.removed().size());
        assertEquals(1, one.current().size());
        table.register(reg("b", 1), List.of(new ContactUpdate("sip:201@192.0.2.9", 60)), 0);
        assertTrue(table.removeAll(reg("b", 1), 0).outOfOrder());
        RegisterOutcome all = table.removeAll(reg("b", 2), 0);
        assertEquals(2, all.removed().size());
        assertEquals(0, table.size());
    }

    @Test
    void bindingsExpireOnTime() {
        table.register(reg("a", 1), List.of(new ContactUpdate("sip:201@192.0.2.7", 60)), 0);
        assertEquals(1, table.current(AOR, 59_999).size());
        assertEquals(0, table.current(AOR, 60_000).size());
        assertEquals(1, table.expire(60_000));
        assertEquals(0, table.size());
    }

    @Test
    void removeTakesOutMatchingBindingsOnly() {
        table.register(reg("a", 1), List.of(new ContactUpdate("sip:201@192.0.2.7", 60)), 0);
        table.register(new LocationTable.Registration("sip:202@office.example", "c", 1, "", "192.0.2.9:5060", "", true),
                List.of(new ContactUpdate("sip:202@10.0.0.2", 60)), 0);
        assertEquals(1, table.remove(b -> b.aor().equals(AOR)).size());
        assertEquals(1, table.all(0).size());
        assertTrue(table.all(0).get(0).nat());
    }
}
