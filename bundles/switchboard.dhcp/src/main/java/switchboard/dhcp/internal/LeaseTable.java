package switchboard.dhcp.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import switchboard.api.network.Cidr;

/**
 * Leases by client and by address, and the quarantined (declined) addresses. Not thread-safe: the
 * server's single worker owns it; others read copies through {@link DhcpServer}.
 */
final class LeaseTable {
    private final Map<String, Lease> byKey = new HashMap<>();
    private final Map<Integer, Lease> byAddress = new HashMap<>();
    private final Map<Integer, Long> quarantinedUntil = new HashMap<>();
    /** Where the search for a free pool address resumes, so a large pool is not scanned from its start each time. */
    private int cursor;

    Optional<Lease> forClient(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    Optional<Lease> atAddress(int address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    /** Records the lease, taking the address from whichever client had it before. */
    void put(Lease lease) {
        int address = Cidr.toInt(lease.address());
        Lease old = byKey.put(lease.key(), lease);
        if (old != null && !old.address().equals(lease.address())) byAddress.remove(Cidr.toInt(old.address()), old);
        Lease previousHolder = byAddress.put(address, lease);
        if (previousHolder != null && !previousHolder.key().equals(lease.key())) byKey.remove(previousHolder.key(), previousHolder);
        quarantinedUntil.remove(address);
    }

    void remove(String key) {
        Lease old = byKey.remove(key);
        if (old != null) byAddress.remove(Cidr.toInt(old.address()), old);
    }

    void quarantine(int address, long until) {
        Lease holder = byAddress.remove(address);
        if (holder != null) byKey.remove(holder.key(), holder);
        quarantinedUntil.put(address, until);
    }

    boolean quarantined(int address, long now) {
        Long until = quarantinedUntil.get(address);
        return until != null && until > now;
    }

    /** Never handed out, or given back: nobody's record mentions it and it is not quarantined. */
    boolean unused(int address, long now) {
        return !byAddress.containsKey(address) && !quarantined(address, now);
    }

    /** The client may have the address: nobody else holds it now and it is not quarantined. */
    boolean availableTo(int address, String key, long now) {
        if (quarantined(address, now)) return false;
        Lease holder = byAddress.get(address);
        return holder == null || holder.key().equals(key) || !holder.activeAt(now);
    }

    /**
     * A pool address for a new client: first one nobody ever had, then the one whose lease ended
     * longest ago (so returning clients keep theirs as long as possible).
     */
    Optional<Integer> freePoolAddress(ServerPlan plan, String key, long now) {
        long size = Integer.toUnsignedLong(plan.poolEnd()) - Integer.toUnsignedLong(plan.poolStart()) + 1;
        int self = Cidr.toInt(plan.serverAddress());
        if (!plan.inPool(cursor)) cursor = plan.poolStart();
        Integer oldest = null;
        long oldestEnd = Long.MAX_VALUE;
        for (long i = 0; i < size; i++) {
            int candidate = cursor;
            cursor = candidate == plan.poolEnd() ? plan.poolStart() : candidate + 1;
            if (candidate == self || plan.reservationsByAddress().containsKey(Cidr.fromInt(candidate))) continue;
            if (unused(candidate, now)) return Optional.of(candidate);
            Lease holder = byAddress.get(candidate);
            if (holder != null && !holder.activeAt(now) && !quarantined(candidate, now) && holder.expiresAt() < oldestEnd) {
                oldest = candidate;
                oldestEnd = holder.expiresAt();
            }
        }
        return Optional.ofNullable(oldest);
    }

    Collection<Lease> all() {
        return List.copyOf(byKey.values());
    }

    Map<Integer, Long> quarantine() {
        return Map.copyOf(quarantinedUntil);
    }

    /** Bound leases that ended by {@code now}; they stay on record, marked released. */
    List<Lease> expire(long now) {
        List<Lease> ended = new ArrayList<>();
        List<String> staleOffers = new ArrayList<>();
        for (Lease l : byKey.values()) {
            if (l.expiresAt() > now) continue;
            if (l.state() == Lease.State.BOUND) ended.add(l);
            if (l.state() == Lease.State.OFFERED) staleOffers.add(l.key());
        }
        ended.forEach(l -> put(l.released()));
        staleOffers.forEach(this::remove);
        quarantinedUntil.values().removeIf(until -> until <= now);
        return ended;
    }
}
