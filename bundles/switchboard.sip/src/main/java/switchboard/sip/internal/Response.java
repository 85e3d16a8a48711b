package switchboard.sip.internal;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.nio.charset.StandardCharsets;

/**
 * A response to a parsed request (RFC 3261 §8.2.6), written straight as text: the request's Via
 * headers, From, To (with a tag on final responses), Call-ID and CSeq, then the registrar's own
 * headers. Cheaper than building and encoding a jain-sip response, and the registrar's hottest path.
 * Values added here come from validated parts (parsed URIs, header values, numbers): never raw text.
 */
final class Response {
    static final String ALLOW = "REGISTER, OPTIONS";

    private final StringBuilder text = new StringBuilder(512);

    Response(SIPRequest request, int status) {
        text.append("SIP/2.0 ").append(status).append(' ').append(SIPResponse.getReasonPhrase(status)).append("\r\n");
        text.append(request.getViaHeaders().encode());
        text.append(((SIPHeader) request.getFrom()).encode());
        To to = (To) request.getTo();
        String toLine = to.encode();
        if (status >= 200 && to.getTag() == null)
            toLine = toLine.substring(0, toLine.length() - 2) + ";tag=" + Integer.toHexString(request.getCallId().getCallId().hashCode()) + "\r\n";
        text.append(toLine);
        text.append(((SIPHeader) request.getCallId()).encode());
        text.append(((SIPHeader) request.getCSeq()).encode());
        text.append("Server: Switchboard\r\n");
    }

    Response header(String name, String value) {
        text.append(name).append(": ").append(value).append("\r\n");
        return this;
    }

    /** The methods the registrar handles. */
    Response allow() {
        return header("Allow", ALLOW);
    }

    byte[] bytes() {
        return (text + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
