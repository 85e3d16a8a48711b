package switchboard.audit.internal.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortSpecTest {
    @Test
    void parsesPortsRangesAndProtocols() {
        List<PortSpec> specs = PortSpec.parseList("25/tcp, 10000-20000/udp 5060");

        assertEquals("[25/tcp, 10000-20000/udp, 5060/tcp, 5060/udp]", specs.toString());
        assertTrue(specs.get(1).contains(PortSpec.Protocol.UDP, 15000));
    }

    @Test
    void refusesWhatIsNotAPortList() {
        for (String bad : List.of("25/sctp", "x/tcp", "0/tcp", "70000/tcp", "20-10/udp", "-5/tcp", "+25/tcp", "123456/tcp", "25-/tcp"))
            assertThrows(IllegalArgumentException.class, () -> PortSpec.parseList(bad), bad);
    }
}
