package switchboard.core.internal.broker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import switchboard.api.broker.Datagram;
import switchboard.api.broker.DatagramHandler;
import switchboard.api.broker.DatagramSender;

/** Keeps the text of every datagram (the payload is only valid during the call); optionally answers it. */
class RecordingDatagramHandler implements DatagramHandler {
    final List<String> received = new CopyOnWriteArrayList<>();
    /** Only their addresses are meaningful after the call. */
    final List<Datagram> datagrams = new CopyOnWriteArrayList<>();

    static String text(Datagram datagram) {
        return StandardCharsets.UTF_8.decode(datagram.payload().duplicate()).toString();
    }

    @Override
    public void handle(Datagram datagram, DatagramSender sender) throws Exception {
        received.add(text(datagram));
        datagrams.add(datagram);
    }

    /** Also replies {@code echo:<text>} through the sender, to the datagram's source. */
    static RecordingDatagramHandler echoing() {
        return new RecordingDatagramHandler() {
            @Override
            public void handle(Datagram datagram, DatagramSender sender) throws Exception {
                super.handle(datagram, sender);
                sender.send(StandardCharsets.UTF_8.encode("echo:" + text(datagram)), datagram.source());
            }
        };
    }
}
