package switchboard.wan.internal.dhcp;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import switchboard.api.dhcp.DhcpMessage;
import switchboard.api.dhcp.MessageType;
import switchboard.api.dhcp.OptionCode;

/**
 * The client side of RFC 2131 (section 4.4) as a state machine without threads or sockets: each event
 * (start, a message from a server, a timer) returns the {@link Step} to take, the messages to send and when
 * to wake it next. Not thread-safe: one thread drives it.
 */
public final class DhcpClient {
    public enum State { INIT, SELECTING, REQUESTING, BOUND, RENEWING, REBINDING }

    /** A message to send: to the server's address, or broadcast when {@code unicastTo} is empty. */
    public record Outbound(DhcpMessage message, Optional<Inet4Address> unicastTo) {}

    /** What an event leads to; {@code leaseChanged} when the address or router was gained, changed or lost. */
    public record Step(List<Outbound> send, Instant wakeAt, boolean leaseChanged) {}

    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration LAST_RETRY = Duration.ofSeconds(64);
    /** How long to wait after a NAK before starting again, so a server that refuses everything is not flooded. */
    static final Duration AFTER_NAK = Duration.ofSeconds(1);
    /** RFC 2131: while renewing or rebinding, wait half the time left, but no less than a minute. */
    static final Duration MIN_EXTEND_RETRY = Duration.ofSeconds(60);
    private static final int REQUEST_ATTEMPTS = 4;

    private final ClientMessages messages;
    private final byte[] hardwareAddress;
    private final RandomGenerator random;
    private State state = State.INIT;
    private Optional<Lease> lease = Optional.empty();
    private Optional<Inet4Address> previous;
    private int xid;
    private Instant exchangeStarted;
    private int attempt;
    private Instant wakeAt = Instant.MAX;
    private DhcpMessage pendingRequest;
    private String lastEvent = "not started";

    /** @param previous an address this interface had before, asked for again in the DISCOVER */
    public DhcpClient(byte[] hardwareAddress, Optional<Inet4Address> previous, RandomGenerator random) {
        this.hardwareAddress = hardwareAddress.clone();
        this.messages = new ClientMessages(hardwareAddress);
        this.previous = previous;
        this.random = random;
    }

    public State state() {
        return state;
    }

    public Optional<Lease> lease() {
        return lease;
    }

    /** The last thing that happened, for status: "bound", "NAK from 198.19.0.1: ...", ... */
    public String lastEvent() {
        return lastEvent;
    }

    public Step start(Instant now) {
        return discover(now, false);
    }

    public Step received(DhcpMessage reply, Instant now) {
        if (reply.op() != DhcpMessage.BOOTREPLY || reply.xid() != xid || !Arrays.equals(reply.hardwareAddress(), hardwareAddress))
            return idle(false);
        Optional<MessageType> type = reply.options().messageType();
        if (type.isEmpty()) return idle(false);
        return switch (type.get()) {
            case OFFER -> state == State.SELECTING ? offered(reply, now) : idle(false);
            case ACK -> state == State.REQUESTING || state == State.RENEWING || state == State.REBINDING ? acknowledged(reply, now) : idle(false);
            case NAK -> state == State.REQUESTING || state == State.RENEWING || state == State.REBINDING ? refused(reply, now) : idle(false);
            default -> idle(false);
        };
    }

    /** A timer fired; an early wake-up (the deadline moved since it was set) changes nothing. */
    public Step wake(Instant now) {
        if (now.isBefore(wakeAt)) return idle(false);
        return switch (state) {
            case INIT -> discover(now, false);
            case SELECTING -> retransmit(now, pendingRequest);
            case REQUESTING -> attempt >= REQUEST_ATTEMPTS ? discover(now, false) : retransmit(now, pendingRequest);
            case BOUND, RENEWING, REBINDING -> extend(now);
        };
    }

    private Step offered(DhcpMessage offer, Instant now) {
        Optional<Inet4Address> server = offer.options().address(OptionCode.SERVER_IDENTIFIER);
        if (server.isEmpty() || offer.yiaddr().equals(DhcpMessage.ZERO)) return idle(false);
        state = State.REQUESTING;
        attempt = 0;
        lastEvent = "offered " + offer.yiaddr().getHostAddress() + " by " + server.get().getHostAddress();
        return retransmit(now, messages.select(xid, secs(now), offer.yiaddr(), server.get()));
    }

    private Step acknowledged(DhcpMessage ack, Instant now) {
        Lease granted;
        try {
            granted = Lease.fromAck(ack, now);
        } catch (IllegalArgumentException e) {
            lastEvent = "unusable ACK ignored: " + e.getMessage();
            return idle(false);
        }
        boolean changed = lease.map(l -> !l.address().equals(granted.address()) || !l.gateway().equals(granted.gateway())).orElse(true);
        lastEvent = (state == State.REQUESTING ? "bound to " : state == State.RENEWING ? "renewed " : "rebound ") + granted.address()
                + " by " + granted.server().getHostAddress();
        lease = Optional.of(granted);
        previous = Optional.of(granted.address().address());
        state = State.BOUND;
        wakeAt = granted.renewAt();
        return new Step(List.of(), wakeAt, changed);
    }

    private Step refused(DhcpMessage nak, Instant now) {
        String server = nak.options().address(OptionCode.SERVER_IDENTIFIER).map(Inet4Address::getHostAddress).orElse("a server");
        String reason = nak.options().string(OptionCode.MESSAGE).map(m -> ": " + m).orElse("");
        boolean hadLease = lease.isPresent();
        lease = Optional.empty();
        previous = Optional.empty();
        state = State.INIT;
        lastEvent = "NAK from " + server + reason + "; starting again";
        wakeAt = now.plus(AFTER_NAK);
        return idle(hadLease);
    }

    /** From BOUND at T1 to RENEWING (unicast), at T2 to REBINDING (broadcast), at expiry back to INIT. */
    private Step extend(Instant now) {
        Lease l = lease.orElseThrow();
        if (!now.isBefore(l.expiresAt())) {
            lease = Optional.empty();
            lastEvent = "lease of " + l.address() + " expired";
            return discover(now, true);
        }
        State next = now.isBefore(l.rebindAt()) ? State.RENEWING : State.REBINDING;
        if (next != state) {
            state = next;
            newExchange(now);
            lastEvent = (next == State.RENEWING ? "renewing with " + l.server().getHostAddress() : "rebinding") + " (T" + (next == State.RENEWING ? 1 : 2) + ")";
        }
        Instant limit = next == State.RENEWING ? l.rebindAt() : l.expiresAt();
        Duration half = Duration.between(now, limit).dividedBy(2);
        Instant retry = now.plus(half.compareTo(MIN_EXTEND_RETRY) < 0 ? MIN_EXTEND_RETRY : half);
        wakeAt = retry.isAfter(limit) ? limit : retry;
        Optional<Inet4Address> to = next == State.RENEWING ? Optional.of(l.server()) : Optional.empty();
        return new Step(List.of(new Outbound(messages.extend(xid, secs(now), l.address().address()), to)), wakeAt, false);
    }

    private Step discover(Instant now, boolean leaseLost) {
        state = State.SELECTING;
        newExchange(now);
        attempt = 0;
        if (leaseLost) previous = Optional.empty();
        Step step = retransmit(now, messages.discover(xid, 0, previous));
        return leaseLost ? new Step(step.send(), step.wakeAt(), true) : step;
    }

    /** Sends {@code message} and waits 2, 4, 8 ... up to 64 s for the answer before sending it again. */
    private Step retransmit(Instant now, DhcpMessage message) {
        pendingRequest = message;
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempt, 5));
        attempt++;
        wakeAt = now.plus(wait.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait);
        return new Step(List.of(new Outbound(message, Optional.empty())), wakeAt, false);
    }

    private void newExchange(Instant now) {
        xid = random.nextInt();
        exchangeStarted = now;
    }

    private int secs(Instant now) {
        return (int) Math.min(0xffff, Duration.between(exchangeStarted, now).toSeconds());
    }

    private Step idle(boolean leaseChanged) {
        return new Step(List.of(), wakeAt, leaseChanged);
    }
}
