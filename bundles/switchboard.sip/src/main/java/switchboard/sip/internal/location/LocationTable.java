package switchboard.sip.internal.location;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The bindings of every address of record (RFC 3261 §10.3). Expired bindings are never returned. */
public final class LocationTable {
    /** What a REGISTER carries besides its contacts. */
    public record Registration(String aor, String callId, long cseq, String userAgent, String source, String path, boolean nat) {}

    private final Map<String, List<Binding>> byAor = new HashMap<>();
    private int count;
    /** No binding expires before this; spares {@link #expire} a scan of the whole table every second. */
    private long nextExpiry = Long.MAX_VALUE;

    public synchronized List<Binding> current(String aor, long now) {
        return live(aor, now);
    }

    public synchronized List<Binding> all(long now) {
        List<Binding> out = new ArrayList<>();
        for (String aor : new ArrayList<>(byAor.keySet())) out.addAll(live(aor, now));
        return out;
    }

    /** Bindings held, expired ones included until {@link #expire} drops them. */
    public synchronized int size() {
        return count;
    }

    /** Adds, refreshes or removes the given contacts, or none of them when the request is out of order. */
    public synchronized RegisterOutcome register(Registration r, List<ContactUpdate> updates, long now) {
        List<Binding> existing = live(r.aor(), now);
        for (ContactUpdate u : updates) {
            Optional<Binding> b = find(existing, u.contact());
            if (b.isPresent() && isNotNewer(r, b.get())) return RegisterOutcome.outOfOrder(existing);
        }
        List<Binding> saved = new ArrayList<>();
        List<Binding> removed = new ArrayList<>();
        List<Binding> next = new ArrayList<>(existing);
        for (ContactUpdate u : updates) {
            Optional<Binding> old = find(next, u.contact());
            old.ifPresent(b -> {
                next.remove(b);
                if (u.expires() == 0) removed.add(b);
            });
            if (u.expires() > 0) {
                long expiresAt = now + u.expires() * 1000L;
                Binding b = old.isPresent()
                        ? old.get().renewed(expiresAt, r.callId(), r.cseq(), r.userAgent(), r.source(), r.path(), r.nat())
                        : new Binding(r.aor(), u.contact(), expiresAt, r.callId(), r.cseq(), r.userAgent(), r.source(), r.path(), r.nat());
                next.add(b);
                saved.add(b);
            }
        }
        store(r.aor(), next);
        return new RegisterOutcome(false, saved, removed, List.copyOf(next));
    }

    /** The wildcard {@code Contact: *} with {@code Expires: 0}: removes every binding of the address. */
    public synchronized RegisterOutcome removeAll(Registration r, long now) {
        List<Binding> existing = live(r.aor(), now);
        if (existing.stream().anyMatch(b -> isNotNewer(r, b))) return RegisterOutcome.outOfOrder(existing);
        store(r.aor(), List.of());
        return new RegisterOutcome(false, List.of(), existing, List.of());
    }

    /** Removes bindings (administrative unregister, unreachable contacts); returns those removed. */
    public synchronized List<Binding> remove(Predicate<Binding> which) {
        List<Binding> removed = new ArrayList<>();
        for (String aor : new ArrayList<>(byAor.keySet())) {
            List<Binding> bindings = byAor.get(aor);
            if (bindings.stream().noneMatch(which)) continue;
            List<Binding> keep = new ArrayList<>();
            for (Binding b : bindings) (which.test(b) ? removed : keep).add(b);
            store(aor, keep);
        }
        return removed;
    }

    /** Drops expired bindings; returns how many. */
    public synchronized int expire(long now) {
        if (now < nextExpiry) return 0;
        int removed = remove(b -> b.expiresAt() <= now).size();
        nextExpiry = byAor.values().stream().flatMap(List::stream).mapToLong(Binding::expiresAt).min().orElse(Long.MAX_VALUE);
        return removed;
    }

    /** Restores bindings read from storage. */
    public synchronized void load(Collection<Binding> bindings) {
        for (Binding b : bindings) {
            byAor.computeIfAbsent(b.aor(), k -> new ArrayList<>()).add(b);
            count++;
            nextExpiry = Math.min(nextExpiry, b.expiresAt());
        }
    }

    private static boolean isNotNewer(Registration r, Binding b) {
        return b.callId().equals(r.callId()) && r.cseq() <= b.cseq();
    }

    private static Optional<Binding> find(List<Binding> bindings, String contact) {
        return bindings.stream().filter(b -> b.contact().equals(contact)).findFirst();
    }

    private List<Binding> live(String aor, long now) {
        List<Binding> bindings = byAor.get(aor);
        if (bindings == null) return List.of();
        return bindings.stream().filter(b -> b.expiresAt() > now).toList();
    }

    private void store(String aor, List<Binding> bindings) {
        List<Binding> old = bindings.isEmpty() ? byAor.remove(aor) : byAor.put(aor, List.copyOf(bindings));
        count += bindings.size() - (old == null ? 0 : old.size());
        for (Binding b : bindings) nextExpiry = Math.min(nextExpiry, b.expiresAt());
    }
}
