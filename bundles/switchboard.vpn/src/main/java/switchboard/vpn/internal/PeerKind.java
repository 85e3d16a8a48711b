package switchboard.vpn.internal;

import java.util.Locale;

/** A remote office whose LAN is routed through the tunnel, or one admin device (a laptop, a phone) with one address. */
enum PeerKind {
    SITE, DEVICE;

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PeerKind parse(String text) {
        for (PeerKind k : values()) if (k.key().equals(text.strip().toLowerCase(Locale.ROOT))) return k;
        throw new IllegalArgumentException("'" + text + "' is neither site nor device");
    }
}
