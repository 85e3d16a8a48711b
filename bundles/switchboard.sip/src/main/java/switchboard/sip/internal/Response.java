package switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPResponse;
import java.nio.charset.StandardCharsets;

/**
 * A response to a parsed request (RFC 3261 §8.2.6), written straight as text: the request's Via
 * headers, From, To (with a tag on final responses), Call-ID and CSeq, then the registrar's own
 * headers. Cheaper than building and encoding a jain-sip response, and the registrar's hottest path.
 * Values copied here were accepted by a parser (no line breaks or control characters in them).
 */
final class Response {
    static final String ALLOW = "REGISTER, OPTIONS";
    private static final String END_TEXT = "Content-Length: 0\r\n\r\n";
    private static final byte[] END = END_TEXT.getBytes(StandardCharsets.US_ASCII);

    private final StringBuilder text = new StringBuilder(512);

    Response(SipRequest request, int status) {
        text.append("SIP/2.0 ").append(status).append(' ').append(SIPResponse.getReasonPhrase(status)).append("\r\n");
        for (String via : request.vias()) text.append("Via: ").append(via).append("\r\n");
        text.append("From: ").append(request.from()).append("\r\n");
        text.append("To: ").append(request.to());
        if (status >= 200 && request.toTag() == null) text.append(";tag=").append(Integer.toHexString(request.callId().hashCode()));
        text.append("\r\n");
        text.append("Call-ID: ").append(request.callId()).append("\r\n");
        text.append("CSeq: ").append(request.cseq()).append(' ').append(request.cseqMethod()).append("\r\n");
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
        byte[] out = new byte[text.length() + END.length];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // values from jain-sip's parser may hold non-ASCII text: those take the general encoder
            if (c >= 0x80) return (text + END_TEXT).getBytes(StandardCharsets.UTF_8);
            out[i] = (byte) c;
        }
        System.arraycopy(END, 0, out, text.length(), END.length);
        return out;
    }
}
