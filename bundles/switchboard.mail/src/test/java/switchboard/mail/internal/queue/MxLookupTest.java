package switchboard.mail.internal.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MxLookupTest {
    /** A response to the query for other.example MX: two MX answers, the second name compressed. */
    private static byte[] mxResponse(int id) {
        byte[] query = MxLookup.query(id, "other.example", MxLookup.TYPE_MX);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(query);
        byte[] m = out.toByteArray();
        m[2] = (byte) 0x81; // response, recursion desired
        m[3] = (byte) 0x80;
        m[7] = 2; // two answers
        ByteArrayOutputStream answers = new ByteArrayOutputStream();
        answers.writeBytes(m);
        // answer 1: other.example MX 20 mx2.other.example (written in full)
        answers.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 15, 0, 1, 0, 0, 0, 60, 0, 8, 0, 20, 3, 'm', 'x', '2', (byte) 0xc0, 12});
        // answer 2: other.example MX 10 mx1.other.example
        answers.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 15, 0, 1, 0, 0, 0, 60, 0, 8, 0, 10, 3, 'm', 'x', '1', (byte) 0xc0, 12});
        return answers.toByteArray();
    }

    @Test
    void answersAreSortedByPreferenceAndNamesDecompressed() throws IOException {
        assertEquals(List.of("mx1.other.example", "mx2.other.example"),
                MxLookup.parse(ByteBuffer.wrap(mxResponse(0x1234)), 0x1234, MxLookup.TYPE_MX));
    }

    @Test
    void malformedAnswersAreRefused() {
        byte[] good = mxResponse(7);
        assertThrows(IOException.class, () -> MxLookup.parse(ByteBuffer.wrap(good), 8, MxLookup.TYPE_MX), "another query's id");
        for (int cut = 1; cut < good.length; cut += 3) {
            byte[] truncated = Arrays.copyOf(good, cut);
            assertThrows(IOException.class, () -> MxLookup.parse(ByteBuffer.wrap(truncated), 7, MxLookup.TYPE_MX), "cut at " + cut);
        }
        byte[] forwardPointer = good.clone();
        forwardPointer[good.length - 1] = (byte) (good.length - 2); // a name pointing at itself
        assertThrows(IOException.class, () -> MxLookup.parse(ByteBuffer.wrap(forwardPointer), 7, MxLookup.TYPE_MX));
        byte[] nxdomain = good.clone();
        nxdomain[3] = (byte) 0x83;
        assertEquals("no such domain (NXDOMAIN)",
                assertThrows(IOException.class, () -> MxLookup.parse(ByteBuffer.wrap(nxdomain), 7, MxLookup.TYPE_MX)).getMessage());
    }

    @Test
    void queriesRefuseNamesThatAreNotDomains() {
        assertThrows(IllegalArgumentException.class, () -> MxLookup.query(1, "a..b", MxLookup.TYPE_MX));
        assertThrows(IllegalArgumentException.class, () -> MxLookup.query(1, "x".repeat(64) + ".example", MxLookup.TYPE_MX));
    }
}
