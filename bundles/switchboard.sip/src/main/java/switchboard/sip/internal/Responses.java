package switchboard.sip.internal;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.text.ParseException;

/** Builds responses to a parsed request (RFC 3261 §8.2.6). */
final class Responses {
    private static final String[] ALLOWED = {"REGISTER", "OPTIONS"};
    private static final HeaderFactoryImpl HEADERS = new HeaderFactoryImpl();

    private Responses() {}

    /** The response with the request's Via, From, To, Call-ID and CSeq; a To tag on final responses. */
    static SIPResponse create(SIPRequest request, int status) {
        SIPResponse response = request.createResponse(status);
        try {
            if (status >= 200 && response.getTo() != null && response.getTo().getTag() == null)
                response.getTo().setTag(Integer.toHexString(request.getCallId().getCallId().hashCode()));
            response.setHeader(HEADERS.createHeader("Server", "Switchboard"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    /** The methods the registrar handles (one value per header: the factory refuses lists, the encoder joins them). */
    static void allow(SIPResponse response) {
        for (String method : ALLOWED) add(response, "Allow", method);
    }

    /** Adds a header given as text; values built here from validated parts always parse. */
    static void add(SIPResponse response, String name, String value) {
        try {
            response.addHeader(HEADERS.createHeader(name, value));
        } catch (ParseException e) {
            throw new IllegalArgumentException(name + ": " + value, e);
        }
    }
}
