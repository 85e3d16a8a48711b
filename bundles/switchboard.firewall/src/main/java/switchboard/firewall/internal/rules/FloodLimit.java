package switchboard.firewall.internal.rules;

/** New connections per second (and burst) one source may open to one exposed port; more are dropped. */
public record FloodLimit(int perSecond, int burst) {

    public FloodLimit {
        if (perSecond < 1 || burst < 1) throw new IllegalArgumentException("flood limits must be at least 1");
    }
}
