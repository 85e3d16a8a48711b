package switchboard.api.dhcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import switchboard.api.network.Cidr;

class DhcpCodecTest {
    private static final byte[] MAC = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x30};

    private static DhcpMessage discover(DhcpOptions options) {
        return new DhcpMessage(DhcpMessage.BOOTREQUEST, DhcpMessage.HTYPE_ETHERNET, 0, 0x1234abcd, 3,
                DhcpMessage.BROADCAST_FLAG, DhcpMessage.ZERO, DhcpMessage.ZERO, DhcpMessage.ZERO,
                Cidr.parseIpv4("10.0.0.1"), MAC, options);
    }

    /** The bytes of an encoded DISCOVER, for tests that damage them. */
    private static byte[] wire(DhcpOptions options) {
        ByteBuffer b = DhcpCodec.encode(discover(options));
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    private static DhcpMessage decode(byte[] bytes) throws MalformedMessageException {
        return DhcpCodec.decode(ByteBuffer.wrap(bytes));
    }

    @Test
    void roundTripKeepsHeaderAndTypedOptions() throws Exception {
        DhcpOptions options = DhcpOptions.builder().messageType(MessageType.DISCOVER)
                .address(OptionCode.REQUESTED_ADDRESS, Cidr.parseIpv4("192.168.2.7"))
                .string(OptionCode.HOST_NAME, "laptop")
                .uint32(OptionCode.LEASE_TIME, 4_000_000_000L)
                .uint16(OptionCode.MAX_MESSAGE_SIZE, 1500)
                .addresses(OptionCode.ROUTER, List.of(Cidr.parseIpv4("10.0.0.1"), Cidr.parseIpv4("10.0.0.2")))
                .build();
        DhcpMessage decoded = decode(wire(options));
        assertEquals(discover(options), decoded);
        assertEquals(MessageType.DISCOVER, decoded.options().messageType().orElseThrow());
        assertEquals("192.168.2.7", decoded.options().address(OptionCode.REQUESTED_ADDRESS).orElseThrow().getHostAddress());
        assertEquals("laptop", decoded.options().string(OptionCode.HOST_NAME).orElseThrow());
        assertEquals(4_000_000_000L, decoded.options().uint32(OptionCode.LEASE_TIME).orElseThrow());
        assertEquals(1500, decoded.options().uint16(OptionCode.MAX_MESSAGE_SIZE).orElseThrow());
        assertEquals(2, decoded.options().addresses(OptionCode.ROUTER).size());
        assertEquals("02:00:5e:10:20:30", decoded.hardwareAddressText());
        assertTrue(decoded.broadcastFlag());
        assertEquals("10.0.0.1", decoded.giaddr().getHostAddress());
    }

    @Test
    void repliesArePaddedToTheBootpMinimum() {
        assertEquals(300, DhcpCodec.encode(discover(DhcpOptions.builder().messageType(MessageType.OFFER).build())).remaining());
    }

    @Test
    void longOptionIsSplitAndConcatenatedAgain() throws Exception {
        byte[] value = new byte[600];
        new Random(7).nextBytes(value);
        byte[] bytes = wire(DhcpOptions.builder().bytes(224, value).build());
        assertEquals(224, bytes[240] & 0xff);
        assertEquals(255, bytes[241] & 0xff);
        assertArrayEquals(value, decode(bytes).options().bytes(224).orElseThrow());
    }

    @Test
    void readsOptionsFromOverloadedFileAndSnameFields() throws Exception {
        byte[] bytes = wire(DhcpOptions.builder().uint8(OptionCode.OVERLOAD, 3).build());
        byte[] inFile = {53, 1, 3, (byte) 255};
        byte[] inSname = {12, 2, 'p', 'c', (byte) 255};
        System.arraycopy(inFile, 0, bytes, 108, inFile.length);
        System.arraycopy(inSname, 0, bytes, 44, inSname.length);
        DhcpOptions options = decode(bytes).options();
        assertEquals(MessageType.REQUEST, options.messageType().orElseThrow());
        assertEquals("pc", options.string(OptionCode.HOST_NAME).orElseThrow());
        assertTrue(!options.has(OptionCode.OVERLOAD));
    }

    @Test
    void acceptsMissingEndAndPadding() throws Exception {
        byte[] bytes = new byte[240 + 4];
        System.arraycopy(wire(DhcpOptions.builder().build()), 0, bytes, 0, 240);
        bytes[240] = 0;
        bytes[241] = 53;
        bytes[242] = 1;
        bytes[243] = 1;
        assertEquals(MessageType.DISCOVER, decode(bytes).options().messageType().orElseThrow());
    }

    @Test
    void refusesShortOverlongAndForeignDatagrams() {
        assertMalformed(new byte[239], "short");
        assertMalformed(new byte[DhcpCodec.MAX_LENGTH + 1], "overlong");
        byte[] noCookie = wire(DhcpOptions.builder().build());
        noCookie[239] = 0;
        assertMalformed(noCookie, "cookie");
        byte[] badOp = wire(DhcpOptions.builder().build());
        badOp[0] = 9;
        assertMalformed(badOp, "op");
        byte[] longHlen = wire(DhcpOptions.builder().build());
        longHlen[2] = 17;
        assertMalformed(longHlen, "hlen");
    }

    @Test
    void refusesOptionRunningPastTheEnd() {
        byte[] bytes = new byte[240 + 3];
        System.arraycopy(wire(DhcpOptions.builder().build()), 0, bytes, 0, 240);
        bytes[240] = 12;
        bytes[241] = 10;
        bytes[242] = 'x';
        assertMalformed(bytes, "past the end");
        byte[] noLength = new byte[241];
        System.arraycopy(bytes, 0, noLength, 0, 240);
        noLength[240] = 12;
        assertMalformed(noLength, "no length");
    }

    @Test
    void refusesFixedLengthOptionsOfTheWrongLength() {
        assertMalformed(wire(DhcpOptions.builder().bytes(OptionCode.MESSAGE_TYPE, new byte[] {1, 1}).build()), "option 53");
        assertMalformed(wire(DhcpOptions.builder().bytes(OptionCode.REQUESTED_ADDRESS, new byte[3]).build()), "option 50");
        assertMalformed(wire(DhcpOptions.builder().bytes(OptionCode.CLIENT_IDENTIFIER, new byte[1]).build()), "option 61");
        assertMalformed(wire(DhcpOptions.builder().bytes(OptionCode.ROUTER, new byte[6]).build()), "option 3");
    }

    @Test
    void refusesOverloadLoopAndBadOverloadValue() {
        byte[] loop = wire(DhcpOptions.builder().uint8(OptionCode.OVERLOAD, 1).build());
        byte[] again = {52, 1, 2, (byte) 255};
        System.arraycopy(again, 0, loop, 108, again.length);
        assertMalformed(loop, "loop");
        assertMalformed(wire(DhcpOptions.builder().uint8(OptionCode.OVERLOAD, 4).build()), "option 52");
    }

    @Test
    void randomAndTruncatedInputNeverEscapesAsAnotherException() {
        Random random = new Random(42);
        byte[] valid = wire(DhcpOptions.builder().messageType(MessageType.REQUEST).string(OptionCode.HOST_NAME, "a").build());
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = i % 2 == 0 ? valid.clone() : new byte[240 + random.nextInt(200)];
            if (i % 2 == 0) {
                for (int flips = 0; flips < 4; flips++) bytes[240 + random.nextInt(bytes.length - 240)] = (byte) random.nextInt();
            } else {
                random.nextBytes(bytes);
                ByteBuffer.wrap(bytes).putInt(236, 0x63825363);
                bytes[0] = 1;
                bytes[2] = 6;
            }
            try {
                decode(bytes);
            } catch (MalformedMessageException e) {
                refused++;
            }
        }
        assertTrue(refused > 0, "some damaged messages must be refused");
    }

    private static void assertMalformed(byte[] bytes, String reason) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> decode(bytes));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
