package switchboard.dhcp.internal;

import java.util.HexFormat;
import switchboard.api.dhcp.DhcpMessage;
import switchboard.api.dhcp.OptionCode;

/** The key a client's lease is filed under: its client identifier (option 61), else its MAC address. */
final class ClientKey {
    private ClientKey() {}

    static String of(DhcpMessage message) {
        return message.options().bytes(OptionCode.CLIENT_IDENTIFIER)
                .map(id -> "id:" + HexFormat.of().formatHex(id))
                .orElseGet(() -> "hw:" + message.hardwareAddressText());
    }
}
