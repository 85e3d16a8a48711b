package switchboard.dhcp.internal;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import switchboard.api.dhcp.DhcpOptions;
import switchboard.api.dhcp.OptionCode;
import switchboard.api.network.Cidr;

/**
 * An administrator's option, written {@code CODE:TYPE:VALUE} with TYPE one of {@code ip} (comma
 * separated list), {@code string}, {@code uint8}, {@code uint16}, {@code uint32}, {@code bool} or
 * {@code hex}, e.g. {@code 66:string:tftp.office.lan} or {@code 150:ip:192.168.2.10}.
 */
record ExtraOption(int code, byte[] value) {
    /** Codes the server itself manages; setting them here would break the protocol. */
    private static final List<Integer> RESERVED = List.of(OptionCode.PAD, OptionCode.END, OptionCode.REQUESTED_ADDRESS,
            OptionCode.LEASE_TIME, OptionCode.OVERLOAD, OptionCode.MESSAGE_TYPE, OptionCode.SERVER_IDENTIFIER,
            OptionCode.PARAMETER_REQUEST_LIST, OptionCode.MAX_MESSAGE_SIZE, OptionCode.RENEWAL_TIME,
            OptionCode.REBINDING_TIME, OptionCode.CLIENT_IDENTIFIER);

    static ExtraOption parse(String text) {
        String[] parts = text.trim().split(":", 3);
        if (parts.length != 3)
            throw new IllegalArgumentException("'" + text + "' is not CODE:TYPE:VALUE (e.g. 66:string:tftp.office.lan)");
        int code;
        try {
            code = Integer.parseInt(parts[0].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + parts[0] + "' is not an option code");
        }
        if (code < 1 || code > 254) throw new IllegalArgumentException("option code " + code + " is not between 1 and 254");
        if (RESERVED.contains(code)) throw new IllegalArgumentException("option " + code + " is set by the server itself");
        String value = parts[2].trim();
        DhcpOptions.Builder b = DhcpOptions.builder();
        switch (parts[1].trim().toLowerCase()) {
            case "ip" -> b.addresses(code, addresses(value));
            case "string" -> {
                if (value.isEmpty() || value.length() > 255 || !value.chars().allMatch(c -> c >= 32 && c < 127))
                    throw new IllegalArgumentException("option " + code + ": a string of 1 to 255 printable ASCII characters is needed");
                b.string(code, value);
            }
            case "uint8" -> b.uint8(code, (int) number(code, value, 0xff));
            case "uint16" -> b.uint16(code, (int) number(code, value, 0xffff));
            case "uint32" -> b.uint32(code, number(code, value, 0xffffffffL));
            case "bool" -> {
                if (!value.equals("true") && !value.equals("false"))
                    throw new IllegalArgumentException("option " + code + ": '" + value + "' is not true or false");
                b.uint8(code, value.equals("true") ? 1 : 0);
            }
            case "hex" -> {
                byte[] bytes;
                try {
                    bytes = HexFormat.of().parseHex(value.replace(":", ""));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("option " + code + ": '" + value + "' is not hex");
                }
                if (bytes.length == 0 || bytes.length > 255)
                    throw new IllegalArgumentException("option " + code + ": 1 to 255 bytes are needed");
                b.bytes(code, bytes);
            }
            default -> throw new IllegalArgumentException("option " + code + ": type '" + parts[1]
                    + "' is not one of ip, string, uint8, uint16, uint32, bool, hex");
        }
        return new ExtraOption(code, b.build().bytes(code).orElseThrow());
    }

    private static List<Inet4Address> addresses(String value) {
        List<Inet4Address> out = new ArrayList<>();
        for (String a : value.split(",")) out.add(Cidr.parseIpv4(a));
        if (out.size() > 63) throw new IllegalArgumentException("more than 63 addresses in one option");
        return out;
    }

    private static long number(int code, String value, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= 0 && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("option " + code + ": '" + value + "' is not a number from 0 to " + max);
    }
}
