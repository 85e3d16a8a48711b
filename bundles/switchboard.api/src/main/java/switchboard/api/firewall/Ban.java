package switchboard.api.firewall;

import java.net.Inet4Address;
import java.time.Instant;

/** One banned address, why, and until when. */
public record Ban(Inet4Address address, Instant until, String reason) {}
