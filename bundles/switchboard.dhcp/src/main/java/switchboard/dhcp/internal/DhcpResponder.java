package switchboard.dhcp.internal;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.dhcp.DhcpMessage;
import switchboard.api.dhcp.DhcpOptions;
import switchboard.api.dhcp.MessageType;
import switchboard.api.dhcp.OptionCode;
import switchboard.api.network.Cidr;

/**
 * The server side of RFC 2131 section 4.3: decides the answer to one client message and the lease
 * changes it implies. The caller journals {@link Outcome#journal()} before sending the reply.
 */
final class DhcpResponder {
    private static final Logger LOG = LoggerFactory.getLogger(DhcpResponder.class);
    static final int CLIENT_PORT = 68;
    static final Inet4Address BROADCAST = Cidr.fromInt(-1);
    /** How long an offered address is held for the client that was offered it. */
    static final long OFFER_HOLD_MILLIS = 60_000;
    /** Attempts at finding an address a probe does not find in use. */
    private static final int PROBE_ATTEMPTS = 3;

    /** What one message leads to. */
    record Outcome(Optional<Reply> reply, List<String> journal, List<DnsChange> dns) {
        static final Outcome NONE = new Outcome(Optional.empty(), List.of(), List.of());

        static Outcome reply(Reply reply) {
            return new Outcome(Optional.of(reply), List.of(), List.of());
        }
    }

    private final LeaseTable table;
    private final DhcpStats stats;

    DhcpResponder(LeaseTable table, DhcpStats stats) {
        this.table = table;
        this.stats = stats;
    }

    Outcome respond(DhcpMessage request, ServerPlan plan, Optional<AddressProbe> probe, long now) {
        Optional<MessageType> type = request.options().messageType();
        if (request.op() == DhcpMessage.BOOTREPLY) {
            // another server's reply relayed to port 67: it answers on this LAN too
            request.options().address(OptionCode.SERVER_IDENTIFIER).ifPresent(id -> noteForeignServer(id, plan, now));
            stats.ignored.incrementAndGet();
            return Outcome.NONE;
        }
        if (type.isEmpty()) {
            stats.ignored.incrementAndGet(); // plain BOOTP is not served
            return Outcome.NONE;
        }
        stats.received(type.get());
        return switch (type.get()) {
            case DISCOVER -> discover(request, plan, probe, now);
            case REQUEST -> request(request, plan, now);
            case DECLINE -> decline(request, plan, now);
            case RELEASE -> release(request, plan, now);
            case INFORM -> inform(request, plan);
            default -> {
                stats.ignored.incrementAndGet();
                yield Outcome.NONE;
            }
        };
    }

    private Outcome discover(DhcpMessage request, ServerPlan plan, Optional<AddressProbe> probe, long now) {
        String key = ClientKey.of(request);
        String mac = request.hardwareAddressText();
        List<String> journal = new ArrayList<>();
        for (int attempt = 0; attempt < PROBE_ATTEMPTS; attempt++) {
            Optional<Integer> chosen = choose(request, plan, key, mac, now);
            if (chosen.isEmpty()) {
                stats.poolExhausted.incrementAndGet();
                LOG.warn("no free address for {} ({}): the pool is exhausted", mac, key);
                return new Outcome(Optional.empty(), journal, List.of());
            }
            int address = chosen.get();
            Inet4Address yiaddr = Cidr.fromInt(address);
            if (probe.isPresent() && table.unused(address, now) && probe.get().inUse(yiaddr)) {
                stats.probedInUse.incrementAndGet();
                LOG.warn("{} answers a probe but has no lease: quarantined for {} s", yiaddr.getHostAddress(), plan.declineHoldSeconds());
                long until = now + plan.declineHoldSeconds() * 1000L;
                table.quarantine(address, until);
                journal.add(LeaseJournal.declined(yiaddr, until));
                continue;
            }
            Optional<Lease> current = table.forClient(key);
            if (current.isEmpty() || !current.get().boundAt(now) || !current.get().address().equals(yiaddr)) {
                table.put(new Lease(key, mac, yiaddr, current.map(Lease::hostname).orElse(""), now + OFFER_HOLD_MILLIS, Lease.State.OFFERED));
            }
            return new Outcome(Optional.of(reply(request, MessageType.OFFER, yiaddr, leaseOptions(request, plan), plan)), journal, List.of());
        }
        return new Outcome(Optional.empty(), journal, List.of());
    }

    /** Reservation, then the client's previous address, then the one it asks for, then any free one. */
    private Optional<Integer> choose(DhcpMessage request, ServerPlan plan, String key, String mac, long now) {
        Optional<Reservation> reserved = plan.reservedFor(mac);
        if (reserved.isPresent() && table.availableTo(Cidr.toInt(reserved.get().address()), key, now))
            return Optional.of(Cidr.toInt(reserved.get().address()));
        Optional<Inet4Address> previous = table.forClient(key).map(Lease::address);
        if (previous.isPresent() && usableBy(previous.get(), key, mac, plan, now)) return Optional.of(Cidr.toInt(previous.get()));
        Optional<Inet4Address> asked = request.options().address(OptionCode.REQUESTED_ADDRESS);
        if (asked.isPresent() && plan.inPool(Cidr.toInt(asked.get())) && usableBy(asked.get(), key, mac, plan, now))
            return Optional.of(Cidr.toInt(asked.get()));
        return table.freePoolAddress(plan, key, now);
    }

    /** The client may hold the address: the server hands it out, no one else has it, no other MAC reserved it. */
    private boolean usableBy(Inet4Address address, String key, String mac, ServerPlan plan, long now) {
        if (!plan.assignable(address) || !table.availableTo(Cidr.toInt(address), key, now)) return false;
        if (plan.reservedMac(address).map(m -> !m.equals(mac)).orElse(false)) return false;
        // a client with a reservation is moved to it, unless another client (same MAC, other identifier) holds it
        return plan.reservedFor(mac).filter(r -> table.availableTo(Cidr.toInt(r.address()), key, now))
                .map(r -> r.address().equals(address)).orElse(true);
    }

    private Outcome request(DhcpMessage request, ServerPlan plan, long now) {
        String key = ClientKey.of(request);
        String mac = request.hardwareAddressText();
        Optional<Inet4Address> serverId = request.options().address(OptionCode.SERVER_IDENTIFIER);
        Optional<Inet4Address> asked = request.options().address(OptionCode.REQUESTED_ADDRESS);
        if (serverId.isPresent() && !serverId.get().equals(plan.serverAddress())) {
            // the client chose another server's offer: ours is free again
            noteForeignServer(serverId.get(), plan, now);
            table.forClient(key).filter(l -> l.state() == Lease.State.OFFERED).ifPresent(l -> table.remove(key));
            return Outcome.NONE;
        }
        Inet4Address address = asked.orElse(request.ciaddr());
        if (address.equals(DhcpMessage.ZERO)) {
            stats.ignored.incrementAndGet();
            return Outcome.NONE;
        }
        Optional<Lease> current = table.forClient(key);
        boolean knownHere = current.map(l -> l.address().equals(address)).orElse(false);
        boolean selecting = serverId.isPresent();
        // a client selecting an offer this server has no record of (made before a restart or a bundle update,
        // offers are not journaled) gets the address when it is free for it, as Kea and ISC dhcpd do
        if (!plan.lan().contains(address) || !usableBy(address, key, mac, plan, now)
                || selecting && current.isPresent() && !knownHere
                || current.isPresent() && current.get().activeAt(now) && !knownHere) {
            return Outcome.reply(nak(request, plan, "address " + address.getHostAddress() + " is not yours"));
        }
        String hostname = plan.reservedFor(mac).filter(r -> r.address().equals(address)).map(Reservation::hostname).filter(h -> !h.isEmpty())
                .or(() -> HostnameLabel.of(request.options()))
                .orElse(current.map(Lease::hostname).orElse(""));
        Lease bound = new Lease(key, mac, address, hostname, now + plan.leaseSeconds() * 1000L, Lease.State.BOUND);
        table.put(bound);
        List<DnsChange> dns = hostname.isEmpty() ? List.of() : List.of(DnsChange.register(bound));
        Reply ack = reply(request, MessageType.ACK, address, leaseOptions(request, plan), plan);
        return new Outcome(Optional.of(ack), List.of(LeaseJournal.record(bound)), dns);
    }

    private Outcome decline(DhcpMessage request, ServerPlan plan, long now) {
        Optional<Inet4Address> address = request.options().address(OptionCode.REQUESTED_ADDRESS);
        if (!forThisServer(request, plan) || address.isEmpty()) {
            stats.ignored.incrementAndGet();
            return Outcome.NONE;
        }
        String key = ClientKey.of(request);
        if (!table.forClient(key).map(l -> l.address().equals(address.get())).orElse(false)) {
            stats.ignored.incrementAndGet();
            return Outcome.NONE;
        }
        long until = now + plan.declineHoldSeconds() * 1000L;
        LOG.warn("{} declined {}: another host uses it; quarantined for {} s", request.hardwareAddressText(),
                address.get().getHostAddress(), plan.declineHoldSeconds());
        table.quarantine(Cidr.toInt(address.get()), until);
        return new Outcome(Optional.empty(), List.of(LeaseJournal.declined(address.get(), until)), List.of(DnsChange.remove(key)));
    }

    private Outcome release(DhcpMessage request, ServerPlan plan, long now) {
        String key = ClientKey.of(request);
        Optional<Lease> lease = table.forClient(key).filter(l -> l.address().equals(request.ciaddr()) && l.state() == Lease.State.BOUND);
        if (!forThisServer(request, plan) || lease.isEmpty()) {
            stats.ignored.incrementAndGet();
            return Outcome.NONE;
        }
        Lease released = new Lease(key, lease.get().mac(), lease.get().address(), lease.get().hostname(), now, Lease.State.RELEASED);
        table.put(released);
        return new Outcome(Optional.empty(), List.of(LeaseJournal.record(released)), List.of(DnsChange.remove(key)));
    }

    private Outcome inform(DhcpMessage request, ServerPlan plan) {
        if (request.ciaddr().equals(DhcpMessage.ZERO)) {
            stats.ignored.incrementAndGet();
            return Outcome.NONE;
        }
        return Outcome.reply(reply(request, MessageType.ACK, DhcpMessage.ZERO, plan.clientOptions(), plan));
    }

    private static boolean forThisServer(DhcpMessage request, ServerPlan plan) {
        return request.options().address(OptionCode.SERVER_IDENTIFIER).map(plan.serverAddress()::equals).orElse(true);
    }

    private void noteForeignServer(Inet4Address serverId, ServerPlan plan, long now) {
        if (!serverId.equals(plan.serverAddress()) && stats.foreignServer(serverId, now, plan.foreignServerHoldSeconds() * 1000L))
            LOG.warn("another DHCP server answers on {}: server identifier {}; only one DHCP server belongs on a LAN",
                    plan.interfaceName(), serverId.getHostAddress());
    }

    private static DhcpOptions leaseOptions(DhcpMessage request, ServerPlan plan) {
        DhcpOptions.Builder b = DhcpOptions.builder()
                .uint32(OptionCode.LEASE_TIME, plan.leaseSeconds())
                .uint32(OptionCode.RENEWAL_TIME, plan.renewalSeconds())
                .uint32(OptionCode.REBINDING_TIME, plan.rebindingSeconds());
        for (int code : plan.clientOptions().codes()) b.bytes(code, plan.clientOptions().bytes(code).orElseThrow());
        return b.build();
    }

    private Reply nak(DhcpMessage request, ServerPlan plan, String why) {
        DhcpOptions options = DhcpOptions.builder().string(OptionCode.MESSAGE, why).build();
        return reply(request, MessageType.NAK, DhcpMessage.ZERO, options, plan);
    }

    /** RFC 2131 table 3 for the fields, section 4.1 for the destination. */
    private Reply reply(DhcpMessage request, MessageType type, Inet4Address yiaddr, DhcpOptions body, ServerPlan plan) {
        DhcpOptions.Builder b = DhcpOptions.builder().messageType(type).address(OptionCode.SERVER_IDENTIFIER, plan.serverAddress());
        request.options().bytes(OptionCode.CLIENT_IDENTIFIER).ifPresent(id -> b.bytes(OptionCode.CLIENT_IDENTIFIER, id)); // RFC 6842
        for (int code : body.codes()) b.bytes(code, body.bytes(code).orElseThrow());
        boolean nak = type == MessageType.NAK;
        int flags = request.flags() | (nak && !request.giaddr().equals(DhcpMessage.ZERO) ? DhcpMessage.BROADCAST_FLAG : 0);
        Inet4Address ciaddr = type == MessageType.ACK ? request.ciaddr() : DhcpMessage.ZERO;
        DhcpMessage message = new DhcpMessage(DhcpMessage.BOOTREPLY, request.htype(), 0, request.xid(), 0, flags,
                ciaddr, yiaddr, DhcpMessage.ZERO, request.giaddr(), request.hardwareAddress(), b.build());
        stats.sent(type);
        return new Reply(message, destination(request, nak, plan));
    }

    /**
     * Via the relay when there is one; NAKs broadcast; a configured client (ciaddr) by unicast;
     * everything else broadcast here, which the worker turns into unicast to yiaddr for a client without
     * the BROADCAST flag where it may add the ARP entry that needs (see {@link ArpEntries}).
     */
    private static InetSocketAddress destination(DhcpMessage request, boolean nak, ServerPlan plan) {
        if (!request.giaddr().equals(DhcpMessage.ZERO)) return new InetSocketAddress(request.giaddr(), plan.port());
        if (!nak && !request.ciaddr().equals(DhcpMessage.ZERO)) return new InetSocketAddress(request.ciaddr(), CLIENT_PORT);
        return new InetSocketAddress(BROADCAST, CLIENT_PORT);
    }
}
