package switchboard.sip.internal;

import gov.nist.javax.sip.header.Authorization;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;

/** A request parsed by jain-sip (anything {@link RequestParser} does not take), as the registrar reads it. */
final class JainRequests {
    private static final List<String> DIGEST_PARAMS = List.of("username", "realm", "nonce", "uri", "response", "algorithm",
            "qop", "nc", "cnonce", "opaque");

    private JainRequests() {}

    static SipRequest of(SIPRequest request) {
        List<String> vias = new ArrayList<>();
        for (Object via : request.getViaHeaders()) vias.add(((Via) via).getHeaderValue().strip());
        String toUser = null;
        String toHost = null;
        if (request.getTo().getAddress().getURI() instanceof SipURI to) {
            toUser = to.getUser();
            toHost = to.getHost();
        }
        List<SipRequest.Contact> contacts = new ArrayList<>();
        Iterator<?> it = request.getHeaders(ContactHeader.NAME);
        while (it.hasNext()) contacts.add(contact((Contact) it.next()));
        return new SipRequest(request.getMethod(), List.copyOf(vias), body(request.getFrom()), body(request.getTo()),
                request.getTo().getTag(), toUser, toHost, request.getCallId().getCallId(), request.getCSeq().getSeqNumber(),
                request.getCSeq().getMethod(), List.copyOf(contacts),
                request.getExpires() == null ? null : request.getExpires().getExpires(),
                authorization((Authorization) request.getHeader("Authorization")),
                joined(request.getHeaders("Path")), joined(request.getHeaders("User-Agent")));
    }

    private static SipRequest.Contact contact(Contact c) {
        if (c.isWildCard()) return SipRequest.Contact.WILDCARD;
        String host = null;
        int port = -1;
        if (c.getAddress().getURI() instanceof SipURI uri) {
            host = uri.getHost();
            port = uri.getPort();
        }
        return new SipRequest.Contact(false, c.getAddress().getURI().toString(), host, port, c.getParameter("expires"));
    }

    private static Map<String, String> authorization(Authorization auth) {
        if (auth == null) return null;
        Map<String, String> params = new HashMap<>();
        for (String name : DIGEST_PARAMS) {
            String value = name.equals("uri") ? (auth.getURI() == null ? null : auth.getURI().toString()) : auth.getParameter(name);
            if (value != null) params.put(name, value);
        }
        return params;
    }

    private static String body(Object header) {
        return ((SIPHeader) header).getHeaderValue().strip();
    }

    private static String joined(Iterator<?> headers) {
        List<String> values = new ArrayList<>();
        while (headers.hasNext()) values.add(((SIPHeader) headers.next()).getHeaderValue().strip());
        return String.join(", ", values);
    }
}
