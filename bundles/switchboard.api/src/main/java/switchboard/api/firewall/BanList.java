package switchboard.api.firewall;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Addresses whose packets the firewall drops on arrival, each until its ban expires. A ban takes effect
 * in the kernel at once (an nftables set element with a timeout) and survives re-rendering of the ruleset.
 */
@ProviderType
public interface BanList {
    /** The longest ban accepted; longer durations are shortened to it. */
    Duration MAX_DURATION = Duration.ofDays(7);

    /** Bans {@code address} for {@code duration} (at least one second); banning again extends or shortens it. */
    void ban(Inet4Address address, Duration duration, String reason);

    /** Lifts the ban, if there is one. */
    void lift(Inet4Address address);

    /** The bans in force, soonest expiry first. */
    List<Ban> current();
}
