package switchboard.sip.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import switchboard.api.accounts.DigestSecret;
import switchboard.api.accounts.LoginResult;
import switchboard.api.accounts.UserDirectory;
import switchboard.sip.internal.digest.DigestResponse;
import switchboard.sip.internal.digest.Nonces;
import switchboard.sip.internal.location.Binding;
import switchboard.sip.internal.location.ContactUpdate;
import switchboard.sip.internal.location.GroupCommit;
import switchboard.sip.internal.location.LocationTable;
import switchboard.sip.internal.location.RegisterOutcome;
import switchboard.sip.internal.security.SourceThrottle;

/** REGISTER per RFC 3261 §10.3: digest authentication, then the location table update. */
final class RegisterHandler {
    /**
     * The response and, when it is a 200 OK, what it did to the table and the {@link GroupCommit} ticket
     * of the table as the response shows it: the response may leave once that ticket is on disk.
     */
    record Reply(Response response, Optional<RegisterOutcome> outcome, long ticket) {
        static Reply of(Response response) {
            return new Reply(response, Optional.empty(), 0);
        }
    }

    private final SipConfig config;
    private final Supplier<String> realm;
    private final UserDirectory directory;
    private final Nonces nonces;
    private final LocationTable table;
    private final GroupCommit commits;
    private final SourceThrottle failures;
    private final SipStats stats;

    RegisterHandler(SipConfig config, Supplier<String> realm, UserDirectory directory, Nonces nonces, LocationTable table,
            GroupCommit commits, SourceThrottle failures, SipStats stats) {
        this.config = config;
        this.realm = realm;
        this.directory = directory;
        this.nonces = nonces;
        this.table = table;
        this.commits = commits;
        this.failures = failures;
        this.stats = stats;
    }

    Reply handle(SipRequest request, InetSocketAddress source, long now) {
        if (request.toUser() == null) return Reply.of(new Response(request, 400));
        String aor = "sip:" + request.toUser() + "@" + request.toHost().toLowerCase(Locale.ROOT);
        Map<String, String> auth = request.authorization();
        if (auth == null) return challenge(request, false);
        String sourceIp = source.getAddress().getHostAddress();
        Optional<Response> refused = authenticate(request, auth, request.toUser(), sourceIp);
        if (refused.isPresent()) return Reply.of(refused.get());
        return update(request, aor, source, now);
    }

    private Optional<Response> authenticate(SipRequest request, Map<String, String> auth, String toUser, String sourceIp) {
        String algorithm = auth.getOrDefault("algorithm", "MD5");
        String realm = this.realm.get();
        String username = auth.get("username");
        if (!realm.equals(auth.get("realm")) || !config.algorithms().contains(algorithm.toUpperCase(Locale.ROOT))
                || !"auth".equals(auth.get("qop")) || auth.get("uri") == null)
            return Optional.of(challenge(request, false).response());
        switch (nonces.use(auth.get("nonce"), auth.get("nc"))) {
            case STALE:
                return Optional.of(challenge(request, true).response());
            case INVALID, REPLAYED:
                return Optional.of(failed(request, sourceIp));
            case VALID:
                break;
        }
        Optional<DigestSecret> secret = Optional.ofNullable(username).flatMap(directory::digestSecret);
        Optional<DigestSecret> owner = directory.digestSecret(toUser);
        boolean sameAccount = secret.isPresent() && owner.isPresent()
                && secret.get().account().name().equals(owner.get().account().name());
        // unknown users cost the same hashing as known ones, and get the same answer
        String ha1 = sameAccount && secret.get().realm().equals(realm)
                ? (algorithm.equalsIgnoreCase("MD5") ? secret.get().md5() : secret.get().sha256())
                : "0".repeat(algorithm.equalsIgnoreCase("MD5") ? 32 : 64);
        String expected = DigestResponse.expected(algorithm, ha1, request.method(), auth.get("uri"),
                auth.get("nonce"), auth.get("nc"), auth.get("cnonce"), auth.get("qop"));
        boolean matches = sameAccount && DigestResponse.matches(expected, auth.get("response"));
        // the directory's per-address throttle is shared with the console and mail: a throttled source fails even with the right answer
        if (directory.recordLogin(username, matches, sourceIp) != LoginResult.ACCEPTED) return Optional.of(failed(request, sourceIp));
        return Optional.empty();
    }

    private Response failed(SipRequest request, String sourceIp) {
        stats.authFailed.increment();
        failures.count(sourceIp);
        return new Response(request, 403);
    }

    private Reply challenge(SipRequest request, boolean stale) {
        stats.challenged.increment();
        Response response = new Response(request, 401);
        String nonce = nonces.issue();
        String realm = this.realm.get();
        // RFC 8760: in order of preference; a client takes the first it supports
        for (String algorithm : config.algorithms())
            response.header("WWW-Authenticate", "Digest realm=\"" + realm + "\", nonce=\"" + nonce
                    + "\", qop=\"auth\", algorithm=" + algorithm + (stale ? ", stale=true" : ""));
        return Reply.of(response);
    }

    private Reply update(SipRequest request, String aor, InetSocketAddress source, long now) {
        Integer headerExpires = request.expires();
        List<SipRequest.Contact> contacts = request.contacts();
        String path = request.path();
        String userAgent = request.userAgent();
        String sourceText = source.getAddress().getHostAddress() + ":" + source.getPort();
        LocationTable.Registration registration = new LocationTable.Registration(aor, request.callId(),
                request.cseq(), userAgent, sourceText, path, false);
        boolean wildcard = contacts.stream().anyMatch(SipRequest.Contact::wildcard);
        if (wildcard && (contacts.size() != 1 || headerExpires == null || headerExpires != 0))
            return Reply.of(new Response(request, 400));
        List<ContactUpdate> updates = new ArrayList<>();
        boolean nat = false;
        for (SipRequest.Contact c : wildcard ? List.<SipRequest.Contact>of() : contacts) {
            int expires = expires(c, headerExpires);
            if (expires > 0 && expires < config.minExpires()) {
                return Reply.of(new Response(request, 423).header("Min-Expires", Integer.toString(config.minExpires())));
            }
            updates.add(new ContactUpdate(c.uri(), Math.min(expires, config.maxExpires())));
            nat |= behindNat(c, source);
        }
        if (nat) registration = new LocationTable.Registration(aor, registration.callId(), registration.cseq(),
                userAgent, sourceText, path, true);
        RegisterOutcome outcome;
        long ticket;
        synchronized (commits) {
            outcome = wildcard ? table.removeAll(registration, now) : table.register(registration, updates, now);
            ticket = commits.record(outcome.saved(), outcome.removed());
        }
        if (outcome.outOfOrder()) {
            stats.outOfOrder.increment();
            return Reply.of(new Response(request, 500));
        }
        Response ok = new Response(request, 200);
        for (Binding b : outcome.current()) ok.header("Contact", "<" + b.contact() + ">;expires=" + b.secondsLeft(now));
        if (!path.isEmpty()) ok.header("Path", path);
        stats.registered.increment();
        stats.unregistered.add(outcome.removed().size());
        return new Reply(ok, Optional.of(outcome), ticket);
    }

    private int expires(SipRequest.Contact c, Integer headerExpires) {
        String param = c.expires();
        if (param != null) {
            try {
                return (int) Math.min(Integer.MAX_VALUE, Long.parseLong(param.trim()));
            } catch (NumberFormatException e) {
                return config.defaultExpires();
            }
        }
        return headerExpires != null ? headerExpires : config.defaultExpires();
    }

    /** The contact's own address differs from where the REGISTER came from. */
    private static boolean behindNat(SipRequest.Contact c, InetSocketAddress source) {
        if (c.host() == null) return false;
        int port = c.port() > 0 ? c.port() : 5060;
        return !c.host().equals(source.getAddress().getHostAddress()) || port != source.getPort();
    }
}
