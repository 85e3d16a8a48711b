package switchboard.dhcp.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ArpTableTest {
    private static final String TABLE = """
            IP address       HW type     Flags       HW address            Mask     Device
            192.168.2.7      0x1         0x2         02:00:5e:10:20:30     *        lan0
            192.168.2.8      0x1         0x0         00:00:00:00:00:00     *        lan0
            192.168.2.9      0x1         0x6         02:00:5e:10:20:31     *        wan0
            """;

    @Test
    void aCompleteEntryOnTheInterfaceIsAnAnswer() throws Exception {
        assertTrue(ArpTable.answered(TABLE, ip("192.168.2.7"), "lan0"));
    }

    @Test
    void anIncompleteEntryAnotherInterfaceOrNoEntryIsNot() throws Exception {
        assertFalse(ArpTable.answered(TABLE, ip("192.168.2.8"), "lan0"), "asked, never answered");
        assertFalse(ArpTable.answered(TABLE, ip("192.168.2.9"), "lan0"), "seen on the WAN side only");
        assertFalse(ArpTable.answered(TABLE, ip("192.168.2.10"), "lan0"));
    }

    @Test
    void malformedLinesAreSkipped() throws Exception {
        String broken = "IP address HW type Flags HW address Mask Device\n"
                + "192.168.2.7 0x1 0xZZ 02:00:5e:10:20:30 * lan0\n"
                + "192.168.2.7 0x1\n"
                + "\n"
                + "192.168.2.7 0x1 0x2 02:00:5e:10:20:30 * lan0 extra\n";
        assertFalse(ArpTable.answered(broken, ip("192.168.2.7"), "lan0"));
        assertFalse(ArpTable.answered("", ip("192.168.2.7"), "lan0"));
    }

    private static Inet4Address ip(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }
}
