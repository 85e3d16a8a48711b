package switchboard.sip.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the registrar reads from a request, from either parser ({@link RequestParser} for plain REGISTER
 * and OPTIONS, jain-sip's for the rest, see {@link JainRequests}). Header values are as received (one
 * value per Via, folded lines joined), for copying into responses.
 *
 * @param toUser the user part of the To URI, null when it is not a SIP URI with one
 * @param authorization the Authorization header's digest parameters by lower-case name, null without one
 * @param path the Path values joined with ", ", or ""
 * @param userAgent the User-Agent values joined with ", ", or ""
 */
record SipRequest(String method, List<String> vias, String from, String to, String toTag, String toUser, String toHost,
        String callId, long cseq, String cseqMethod, List<Contact> contacts, Integer expires,
        Map<String, String> authorization, String path, String userAgent) {

    /**
     * One Contact value: {@code *}, or a URI with its host and port (port -1: none; host null: not a SIP URI)
     * and its expires parameter (null: none).
     */
    record Contact(boolean wildcard, String uri, String host, int port, String expires) {
        static final Contact WILDCARD = new Contact(true, "*", null, -1, null);
    }

    /**
     * This request with RFC 3261 §18.2.1 {@code received} and RFC 3581 {@code rport} set in its top Via,
     * so the answer finds a phone behind NAT.
     */
    SipRequest receivedFrom(String ip, int port) {
        String top = vias.get(0);
        int semicolon = top.indexOf(';');
        String sentBy = semicolon < 0 ? top : top.substring(0, semicolon);
        String host = RequestParser.hostOf(sentBy.substring(sentBy.lastIndexOf(' ') + 1).strip());
        // the usual case, a phone on the LAN asking without rport: nothing to mark, so no copy
        if (CaseInsensitive.indexOf(top, "rport") < 0 && CaseInsensitive.indexOf(top, "received") < 0 && ip.equals(host)) {
            return this;
        }
        StringBuilder out = new StringBuilder(sentBy);
        boolean rport = false;
        if (semicolon >= 0) {
            for (String param : top.substring(semicolon + 1).split(";")) {
                String name = param.split("=", 2)[0].strip();
                if (name.equalsIgnoreCase("rport")) rport = true;
                else if (!name.equalsIgnoreCase("received")) out.append(';').append(param.strip());
            }
        }
        if (!ip.equals(host) || rport) out.append(";received=").append(ip);
        if (rport) out.append(";rport=").append(port);
        List<String> marked = new ArrayList<>(vias);
        marked.set(0, out.toString());
        return new SipRequest(method, List.copyOf(marked), from, to, toTag, toUser, toHost, callId, cseq, cseqMethod, contacts,
                expires, authorization, path, userAgent);
    }
}
