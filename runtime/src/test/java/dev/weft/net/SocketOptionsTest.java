package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import org.junit.jupiter.api.Test;

/** Each option, set on a real loopback socket, reads back as set (buffer sizes as at least what was asked). */
class SocketOptionsTest {
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void streamOptionsReadBackWhatWasSet() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOOPBACK_PORT);
                TcpStream s = Async.blockOn(TcpStream.connect(listener.localAddress()));
                TcpStream accepted = Async.blockOn(listener.accept())) {
            s.setOption(StandardSocketOptions.SO_RCVBUF, 300_000).setOption(StandardSocketOptions.SO_SNDBUF, 200_000);
            assertTrue(s.getOption(StandardSocketOptions.SO_RCVBUF) >= 300_000);
            assertTrue(s.getOption(StandardSocketOptions.SO_SNDBUF) >= 200_000);
            s.setOption(StandardSocketOptions.SO_RCVBUF, 20_000);
            assertTrue(s.getOption(StandardSocketOptions.SO_RCVBUF) < 300_000, "a smaller size takes effect too");

            for (boolean on : new boolean[] {true, false}) {
                s.setOption(StandardSocketOptions.SO_KEEPALIVE, on);
                assertEquals(on, s.getOption(StandardSocketOptions.SO_KEEPALIVE));
                s.setOption(StandardSocketOptions.TCP_NODELAY, on);
                assertEquals(on, s.getOption(StandardSocketOptions.TCP_NODELAY));
            }
            s.setOption(StandardSocketOptions.SO_LINGER, 7);
            assertEquals(7, s.getOption(StandardSocketOptions.SO_LINGER));
            s.setOption(StandardSocketOptions.SO_LINGER, -1);
            assertEquals(-1, s.getOption(StandardSocketOptions.SO_LINGER), "linger off");
            accepted.setNoDelay(true);
            assertEquals(true, accepted.getOption(StandardSocketOptions.TCP_NODELAY));
        }
    }

    @Test
    void optionsGivenToConnectAreSetBeforeTheHandshake() throws Exception {
        SocketOptions options = SocketOptions.none()
                .with(StandardSocketOptions.SO_RCVBUF, 1 << 10)
                .with(StandardSocketOptions.SO_RCVBUF, 400_000) // the later value replaces the earlier
                .with(StandardSocketOptions.SO_KEEPALIVE, true);
        try (TcpListener listener = TcpListener.bind(ANY_LOOPBACK_PORT);
                TcpStream s = Async.blockOn(TcpStream.connect(listener.localAddress(), options))) {
            assertTrue(s.getOption(StandardSocketOptions.SO_RCVBUF) >= 400_000);
            assertEquals(true, s.getOption(StandardSocketOptions.SO_KEEPALIVE));
        }
        assertEquals("SocketOptions[SO_RCVBUF=400000, SO_KEEPALIVE=true]", options.toString());
    }

    @Test
    void listenerOptionsReadBackWhatWasSet() throws Exception {
        for (boolean reuse : new boolean[] {false, true}) {
            SocketOptions options = SocketOptions.none().with(StandardSocketOptions.SO_REUSEADDR, reuse)
                    .with(StandardSocketOptions.SO_RCVBUF, 500_000);
            try (TcpListener listener = TcpListener.bind(ANY_LOOPBACK_PORT, options)) {
                assertEquals(reuse, listener.getOption(StandardSocketOptions.SO_REUSEADDR));
                assertTrue(listener.getOption(StandardSocketOptions.SO_RCVBUF) >= 500_000);
                try (TcpStream s = Async.blockOn(TcpStream.connect(listener.localAddress()));
                        TcpStream accepted = Async.blockOn(listener.accept())) {
                    assertTrue(accepted.getOption(StandardSocketOptions.SO_RCVBUF) >= 500_000,
                            "accepted connections inherit the listener's receive buffer");
                }
                listener.setOption(StandardSocketOptions.SO_RCVBUF, 64_000);
                assertTrue(listener.getOption(StandardSocketOptions.SO_RCVBUF) < 500_000);
            }
        }
    }

    @Test
    void anOptionTheSocketDoesNotSupportFailsNamingIt() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOOPBACK_PORT);
                TcpStream s = Async.blockOn(TcpStream.connect(listener.localAddress()))) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> s.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 3));
            assertTrue(String.valueOf(e.getMessage()).contains("IP_MULTICAST_TTL"), e.getMessage());
        }
    }
}
