package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@Timeout(60)
class HostConnectTest {
    @Test
    void connectsByNameToALoopbackListener() throws Exception {
        try (TcpListener listener = TcpListener.bind(new InetSocketAddress(InetAddress.getByName("localhost"), 0));
                TcpStream s = Async.blockOn(TcpStream.connect("localhost", port(listener)));
                TcpStream accepted = Async.blockOn(listener.accept())) {
            assertEquals(listener.localAddress(), s.peerAddress());
            assertEquals(s.localAddress(), accepted.peerAddress());
        }
    }

    @Test
    void anUnknownNameFailsWithUnknownHostException() {
        UnknownHostException e = assertThrows(UnknownHostException.class,
                () -> Async.blockOn(TcpStream.connect("no-such-host.invalid", 80)));
        assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
    }

    @Test
    void whenEveryAddressRefusesTheConnectExceptionNamesEachAttempt() throws Exception {
        ConnectException e;
        int dead;
        try (Socket holder = boundNotListening()) {
            dead = holder.getLocalPort();
            e = assertThrows(ConnectException.class, () -> Async.blockOn(TcpStream.connect("localhost", dead)));
        }
        int addresses = InetAddress.getAllByName("localhost").length;
        assertEquals(addresses, e.getSuppressed().length, e.getMessage());
        for (InetAddress a : InetAddress.getAllByName("localhost")) {
            assertTrue(e.getMessage().contains(a.getHostAddress()), e.getMessage());
        }
        assertTrue(e.getMessage().startsWith("connect to localhost:" + dead + " failed; tried "), e.getMessage());
    }

    /** A stagger of a minute: only the refusal can have started the second attempt in time. */
    @Test
    @EnabledOnOs(OS.LINUX) // 127.0.0.2 is a loopback address there, not on every system
    void aRefusedAttemptStartsTheNextAtOnce() throws Exception {
        InetAddress second = InetAddress.getByName("127.0.0.2");
        try (TcpListener listener = TcpListener.bind(new InetSocketAddress(second, 0))) {
            int port = port(listener);
            List<InetAddress> order = List.of(InetAddress.getByName("127.0.0.1"), second); // nobody on 127.0.0.1:port
            try (TcpStream s = Async.blockOn(HostConnect.toAddresses(order, port, SocketOptions.none(), Duration.ofMinutes(1)))) {
                assertEquals(new InetSocketAddress(second, port), s.peerAddress());
            }
        }
    }

    /**
     * The first address is a listener whose accept queue is full, so the kernel ignores the
     * handshake and that attempt hangs; the second attempt starts after the stagger and wins.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void anAttemptThatHangsIsOvertakenByTheNextAfterTheStagger() throws Exception {
        List<SocketChannel> queued = new ArrayList<>();
        try (ServerSocketChannel stalled = ServerSocketChannel.open()) {
            stalled.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1);
            int port = ((InetSocketAddress) stalled.getLocalAddress()).getPort();
            for (int i = 0; i < 2; i++) {
                queued.add(SocketChannel.open(stalled.getLocalAddress())); // fills the accept queue
            }
            InetAddress second = InetAddress.getByName("127.0.0.2");
            try (TcpListener listener = TcpListener.bind(new InetSocketAddress(second, port))) {
                List<InetAddress> order = List.of(InetAddress.getByName("127.0.0.1"), second);
                long start = System.nanoTime();
                try (TcpStream s = Async.blockOn(HostConnect.toAddresses(order, port, SocketOptions.none(), HostConnect.STAGGER))) {
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertEquals(new InetSocketAddress(second, port), s.peerAddress());
                    assertTrue(ms >= HostConnect.STAGGER.toMillis(), "the second attempt started after " + ms + " ms");
                }
            }
        } finally {
            for (SocketChannel c : queued) {
                c.close();
            }
        }
    }

    @Test
    void addressesAlternateFamiliesStartingWithTheResolversFirstChoice() throws Exception {
        InetAddress v4a = InetAddress.getByName("192.0.2.1");
        InetAddress v4b = InetAddress.getByName("192.0.2.2");
        InetAddress v6a = InetAddress.getByName("2001:db8::1");
        InetAddress v6b = InetAddress.getByName("2001:db8::2");
        assertEquals(List.of(v6a, v4a, v6b, v4b), HostConnect.interleave(List.of(v6a, v6b, v4a, v4b)));
        assertEquals(List.of(v4a, v6a, v4b), HostConnect.interleave(List.of(v4a, v4b, v6a)));
        assertEquals(List.of(v4a, v4b), HostConnect.interleave(List.of(v4a, v4b)));
    }

    private static int port(TcpListener listener) throws Exception {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * A socket bound to a loopback port without listening: connecting there is refused, and while
     * it stays bound no other test can listen on the port and no connect can pick it as its own
     * source port (which would connect the socket to itself).
     */
    private static Socket boundNotListening() throws Exception {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return s;
    }
}
