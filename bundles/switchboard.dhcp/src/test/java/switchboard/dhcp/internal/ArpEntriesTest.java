package switchboard.dhcp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArpEntriesTest {
    @Test
    void theRequestIsLinuxsStructArpreq() throws Exception {
        byte[] mac = {2, 0, 0x5e, 0x10, 0x20, 0x30};
        byte[] request = ArpEntries.request((Inet4Address) InetAddress.getByName("192.168.2.7"), mac, "lan0");
        ByteBuffer b = ByteBuffer.wrap(request).order(ByteOrder.nativeOrder());

        assertEquals(68, request.length, "sizeof(struct arpreq) on Linux");
        assertEquals(2, b.getShort(0), "arp_pa.sin_family = AF_INET");
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 2, 7}, Arrays.copyOfRange(request, 4, 8), "arp_pa.sin_addr");
        assertEquals(1, b.getShort(16), "arp_ha.sa_family = ARPHRD_ETHER");
        assertArrayEquals(mac, Arrays.copyOfRange(request, 18, 24), "arp_ha.sa_data");
        assertEquals(0x02, b.getInt(32), "arp_flags = ATF_COM");
        assertArrayEquals(new byte[16], Arrays.copyOfRange(request, 36, 52), "arp_netmask unused");
        assertEquals("lan0", new String(request, 52, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, request[56], "arp_dev NUL-terminated");
    }

    @Test
    void anOverlongInterfaceNameOrOddHardwareAddressIsRefusedWithoutNativeCalls() throws Exception {
        try (ArpEntries arp = new ArpEntries()) {
            Inet4Address address = (Inet4Address) InetAddress.getByName("192.168.2.7");
            assertEquals(false, arp.teach(address, new byte[] {1, 2, 3}, "lan0"));
            assertEquals(false, arp.teach(address, new byte[6], "an-interface-name-too-long"));
        }
    }
}
