package switchboard.api.dhcp;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import switchboard.api.network.Cidr;

/**
 * Reads and writes DHCP messages. Decoding is strict about structure and lenient about what
 * real clients do: a missing END option is accepted at the end of the data, repeated options are
 * concatenated (RFC 3396), and options in {@code file}/{@code sname} are read when option 52 says
 * so. The {@code sname} and {@code file} texts themselves are not kept.
 */
public final class DhcpCodec {
    /** Fixed header up to and including the magic cookie. */
    public static final int HEADER_LENGTH = 240;
    /** Larger than any DHCP message over Ethernet with jumbo frames; anything longer is refused. */
    public static final int MAX_LENGTH = 9000;
    /** BOOTP's minimum message size, which some clients still require of replies. */
    private static final int MIN_REPLY_LENGTH = 300;
    private static final int MAGIC_COOKIE = 0x63825363;
    private static final int SNAME_OFFSET = 44;
    private static final int SNAME_LENGTH = 64;
    private static final int FILE_OFFSET = 108;
    private static final int FILE_LENGTH = 128;

    private DhcpCodec() {}

    public static DhcpMessage decode(ByteBuffer data) throws MalformedMessageException {
        ByteBuffer b = data.slice();
        if (b.remaining() < HEADER_LENGTH) throw new MalformedMessageException("short: " + b.remaining() + " bytes");
        if (b.remaining() > MAX_LENGTH) throw new MalformedMessageException("overlong: " + b.remaining() + " bytes");
        int op = b.get(0) & 0xff;
        if (op != DhcpMessage.BOOTREQUEST && op != DhcpMessage.BOOTREPLY) throw new MalformedMessageException("op " + op);
        int htype = b.get(1) & 0xff;
        int hlen = b.get(2) & 0xff;
        if (hlen > 16) throw new MalformedMessageException("hlen " + hlen + " > 16");
        if (b.getInt(236) != MAGIC_COOKIE) throw new MalformedMessageException("no DHCP magic cookie");
        byte[] chaddr = new byte[hlen];
        b.get(28, chaddr);

        Map<Integer, ByteArrayOutputStream> options = new LinkedHashMap<>();
        readOptions(b.slice(HEADER_LENGTH, b.remaining() - HEADER_LENGTH), options, "options");
        ByteArrayOutputStream overload = options.remove(OptionCode.OVERLOAD);
        if (overload != null) {
            byte[] o = overload.toByteArray();
            if (o.length != 1 || o[0] < 1 || o[0] > 3) throw new MalformedMessageException("option 52 value is not 1, 2 or 3");
            if ((o[0] & 1) != 0) readOptions(b.slice(FILE_OFFSET, FILE_LENGTH), options, "file");
            if ((o[0] & 2) != 0) readOptions(b.slice(SNAME_OFFSET, SNAME_LENGTH), options, "sname");
            if (options.containsKey(OptionCode.OVERLOAD))
                throw new MalformedMessageException("option 52 inside an overloaded field (overload loop)");
        }
        DhcpOptions.Builder built = DhcpOptions.builder();
        for (Map.Entry<Integer, ByteArrayOutputStream> e : options.entrySet()) {
            byte[] value = e.getValue().toByteArray();
            checkLength(e.getKey(), value.length);
            built.bytes(e.getKey(), value);
        }
        return new DhcpMessage(op, htype, b.get(3) & 0xff, b.getInt(4), b.getShort(8) & 0xffff, b.getShort(10) & 0xffff,
                address(b, 12), address(b, 16), address(b, 20), address(b, 24), chaddr, built.build());
    }

    private static void readOptions(ByteBuffer field, Map<Integer, ByteArrayOutputStream> into, String where)
            throws MalformedMessageException {
        try {
            while (field.hasRemaining()) {
                int code = field.get() & 0xff;
                if (code == OptionCode.END) return;
                if (code == OptionCode.PAD) continue;
                int length = field.get() & 0xff;
                if (length > field.remaining())
                    throw new MalformedMessageException("option " + code + " in " + where + " runs past the end (" + length + " bytes)");
                byte[] value = new byte[length];
                field.get(value);
                into.computeIfAbsent(code, c -> new ByteArrayOutputStream()).writeBytes(value);
            }
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("option in " + where + " has no length byte");
        }
    }

    /** Options whose length RFC 2132 fixes; a wrong length means the message cannot be trusted. */
    private static void checkLength(int code, int length) throws MalformedMessageException {
        boolean ok = switch (code) {
            case OptionCode.MESSAGE_TYPE -> length == 1;
            case OptionCode.SUBNET_MASK, OptionCode.REQUESTED_ADDRESS, OptionCode.SERVER_IDENTIFIER,
                    OptionCode.LEASE_TIME, OptionCode.RENEWAL_TIME, OptionCode.REBINDING_TIME,
                    OptionCode.BROADCAST_ADDRESS -> length == 4;
            case OptionCode.MAX_MESSAGE_SIZE -> length == 2;
            case OptionCode.ROUTER, OptionCode.DOMAIN_NAME_SERVER, OptionCode.NTP_SERVERS -> length > 0 && length % 4 == 0;
            case OptionCode.CLIENT_IDENTIFIER -> length >= 2;
            case OptionCode.CLIENT_FQDN -> length >= 3;
            case OptionCode.HOST_NAME, OptionCode.DOMAIN_NAME, OptionCode.PARAMETER_REQUEST_LIST -> length >= 1;
            default -> true;
        };
        if (!ok) throw new MalformedMessageException("option " + code + " has a wrong length (" + length + ")");
    }

    private static Inet4Address address(ByteBuffer b, int offset) {
        return Cidr.fromInt(b.getInt(offset));
    }

    /** Writes the message without overloading; values longer than 255 bytes are split (RFC 3396). */
    public static ByteBuffer encode(DhcpMessage m) {
        ByteArrayOutputStream opts = new ByteArrayOutputStream();
        for (int code : m.options().codes()) {
            byte[] value = m.options().bytes(code).orElseThrow();
            int offset = 0;
            do {
                int chunk = Math.min(255, value.length - offset);
                opts.write(code);
                opts.write(chunk);
                opts.write(value, offset, chunk);
                offset += chunk;
            } while (offset < value.length);
        }
        opts.write(OptionCode.END);
        int length = Math.max(MIN_REPLY_LENGTH, HEADER_LENGTH + opts.size());
        ByteBuffer b = ByteBuffer.allocate(length);
        byte[] chaddr = m.hardwareAddress();
        b.put((byte) m.op()).put((byte) m.htype()).put((byte) chaddr.length).put((byte) m.hops());
        b.putInt(m.xid()).putShort((short) m.secs()).putShort((short) m.flags());
        b.put(m.ciaddr().getAddress()).put(m.yiaddr().getAddress()).put(m.siaddr().getAddress()).put(m.giaddr().getAddress());
        b.put(chaddr);
        b.position(236).putInt(MAGIC_COOKIE);
        b.put(opts.toByteArray());
        return b.position(0);
    }
}
