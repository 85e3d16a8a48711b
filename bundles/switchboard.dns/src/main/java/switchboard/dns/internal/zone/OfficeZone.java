package switchboard.dns.internal.zone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.dns.Registration;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkSettings;
import switchboard.dns.internal.zone.ZoneEntry.Kind;

/**
 * The office zone: built-in names from the network model, the admin's static records and the DHCP
 * clients' names. Every change builds a new {@link ZoneSnapshot} with a bumped serial, persists the
 * serial and the DHCP names, and tells the listeners. Readers take the snapshot without locking.
 * Changes of static records are published a moment later, together: etc/ read at start delivers hundreds
 * of records one by one, which must make one new version, not hundreds of serials.
 */
public final class OfficeZone {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final ZoneStateFile stateFile;
    private final Clock clock;
    private final List<Consumer<ZoneSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, StaticRecord> statics = new LinkedHashMap<>();
    /** The static records as dnsjava records below {@link #builtFor}, so a rebuild parses only new ones. */
    private final Map<StaticRecord, Record> built = new HashMap<>();
    private Name builtFor;
    private final Map<String, DynamicHost> hosts = new HashMap<>();
    private NetworkSettings network;
    private long serial;
    private volatile ZoneSnapshot snapshot;
    private final Consumer<Runnable> later;
    private boolean staticsPending;

    /** @param later runs the publication of static record changes a moment later (or at once) */
    public OfficeZone(ZoneStateFile stateFile, Clock clock, NetworkSettings network, Consumer<Runnable> later) throws IOException {
        this.stateFile = stateFile;
        this.clock = clock;
        this.later = later;
        ZoneState state = stateFile.read();
        this.serial = state.serial();
        this.hosts.putAll(state.hosts());
        this.network = network;
        publish(false);
    }

    public ZoneSnapshot snapshot() {
        return snapshot;
    }

    public void addListener(Consumer<ZoneSnapshot> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ZoneSnapshot> listener) {
        listeners.remove(listener);
    }

    /** Follows the network model; a change of domain or addresses is a new version of the zone. */
    public synchronized void network(NetworkSettings settings) {
        boolean changed = !settings.domain().equals(network.domain())
                || !settings.lanAddress().address().equals(network.lanAddress().address())
                || !settings.wanAddress().map(Cidr::address).equals(network.wanAddress().map(Cidr::address));
        network = settings;
        if (changed) publish(false);
    }

    /** Adds or replaces the admin's record {@code pid}; refused when it breaks a rule of the zone. */
    public synchronized void putStatic(String pid, Map<String, ?> properties) throws InvalidConfigurationException {
        StaticRecord record = check(pid, properties);
        if (record.equals(statics.get(pid))) return;
        statics.put(pid, record);
        publishStaticsLater();
    }

    /** The record, if it may be added as {@code pid} (null for a new one) to the zone as it is. */
    public synchronized StaticRecord check(String pid, Map<String, ?> properties) throws InvalidConfigurationException {
        StaticRecord record = StaticRecord.parse(properties, origin());
        checkCoexistence(pid, record);
        return record;
    }

    public synchronized void removeStatic(String pid) {
        if (statics.remove(pid) != null) publishStaticsLater();
    }

    public synchronized Map<String, StaticRecord> statics() {
        return Map.copyOf(statics);
    }

    public synchronized Registration register(String hostname, Inet4Address address, String clientId) {
        String label = hostname == null ? "" : hostname.trim().toLowerCase();
        if (!LABEL.matcher(label).matches()) return Registration.INVALID_NAME;
        Name relative = relative(label);
        if (BuiltinNames.isHost(relative) || staticAt(relative, null)) return Registration.CONFLICT_STATIC;
        for (DynamicHost other : hosts.values())
            if (other.label().equals(label) && !other.clientId().equals(clientId)) return Registration.CONFLICT_OTHER_CLIENT;
        DynamicHost host = new DynamicHost(clientId, label, address);
        if (!host.equals(hosts.get(clientId))) {
            hosts.put(clientId, host);
            publish(true);
        }
        return Registration.REGISTERED;
    }

    public synchronized void unregister(String clientId) {
        if (hosts.remove(clientId) != null) publish(true);
    }

    public synchronized Map<String, String> registrations() {
        Map<String, String> out = new HashMap<>();
        hosts.values().forEach(h -> out.put(h.clientId(), h.label()));
        return out;
    }

    private void checkCoexistence(String pid, StaticRecord record) throws InvalidConfigurationException {
        Name name = record.relativeName();
        boolean apex = name.equals(Name.empty);
        boolean address = record.type() == Type.A || record.type() == Type.AAAA || record.type() == Type.CNAME;
        if (address && BuiltinNames.isHost(name))
            throw new InvalidConfigurationException("name", "'" + name + "' is a built-in name that follows the network settings");
        if (record.type() == Type.CNAME && (apex || staticAt(name, pid)))
            throw new InvalidConfigurationException("type", "a CNAME cannot stand beside other data at '" + (apex ? "@" : name) + "'");
        for (Map.Entry<String, StaticRecord> other : statics.entrySet())
            if (!other.getKey().equals(pid) && other.getValue().relativeName().equals(name) && other.getValue().type() == Type.CNAME)
                throw new InvalidConfigurationException("name", "'" + name + "' already has a CNAME, which allows no other data");
    }

    private boolean staticAt(Name relative, String exceptPid) {
        return statics.entrySet().stream()
                .anyMatch(e -> !e.getKey().equals(exceptPid) && e.getValue().relativeName().equals(relative));
    }

    private Name origin() {
        try {
            return Name.fromString(network.domain(), Name.root);
        } catch (TextParseException e) {
            throw new IllegalStateException("the network model accepted the domain '" + network.domain() + "'", e);
        }
    }

    private static Name relative(String label) {
        try {
            return Name.fromString(label);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Builds and serves the next version. {@code durable}: fsync the state before returning, as a DHCP
     * registration must be on disk before it is acknowledged; changes that come from etc/ or the network
     * model are on disk already, so for them only the serial is written, without waiting for the disk.
     */
    private void publishStaticsLater() {
        if (staticsPending) return;
        staticsPending = true;
        later.accept(this::publishPending);
    }

    /** Publishes the static record changes not yet served, at once: for an admin waiting on the result. */
    public synchronized void publishPending() {
        if (staticsPending) publish(false);
    }

    private void publish(boolean durable) {
        staticsPending = false;
        serial = Serial.next(serial, LocalDate.now(clock));
        try {
            stateFile.write(new ZoneState(serial, hosts), durable);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        snapshot = build();
        listeners.forEach(l -> l.accept(snapshot));
    }

    private ZoneSnapshot build() {
        Name origin = origin();
        List<ZoneEntry> entries = new ArrayList<>();
        for (Record r : BuiltinNames.records(origin, network.lanAddress().address(), network.wanAddress().map(Cidr::address), serial))
            entries.add(new ZoneEntry(Kind.BUILT_IN, r, true, ""));
        if (!origin.equals(builtFor)) {
            built.clear();
            builtFor = origin;
        }
        built.keySet().retainAll(statics.values());
        statics.forEach((pid, s) -> entries.add(new ZoneEntry(Kind.STATIC, built.computeIfAbsent(s, r -> toRecord(r, origin, pid)), s.isPublic(), pid)));
        for (DynamicHost h : hosts.values()) {
            Name relative = relative(h.label());
            if (BuiltinNames.isHost(relative) || staticAt(relative, null)) continue;
            try {
                entries.add(new ZoneEntry(Kind.DYNAMIC, new ARecord(Name.concatenate(relative, origin), DClass.IN, BuiltinNames.TTL, h.address()),
                        false, h.clientId()));
            } catch (NameTooLongException e) {
                // a long label below a long domain: the client keeps its lease, the name is not served
            }
        }
        return new ZoneSnapshot(origin, serial, zone(origin, entries, false), zone(origin, entries, true), entries);
    }

    private static Record toRecord(StaticRecord record, Name origin, String pid) {
        try {
            return record.toRecord(origin);
        } catch (IOException e) {
            throw new UncheckedIOException("record " + pid + " was checked when it was added", e);
        }
    }

    private static Zone zone(Name origin, List<ZoneEntry> entries, boolean publicOnly) {
        try {
            Zone zone = new Zone(origin, entries.stream().filter(e -> e.kind() == Kind.BUILT_IN).map(ZoneEntry::record).toArray(Record[]::new));
            entries.stream().filter(e -> e.kind() != Kind.BUILT_IN && (e.isPublic() || !publicOnly)).forEach(e -> zone.addRecord(e.record()));
            return zone;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
