package dev.weft.bench.net;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * The load client for {@link Http}, shared by every server and built like {@link EchoClient}: the
 * caller's thread drives all keep-alive connections from one {@link Selector}, each with one
 * request in flight. Every response is compared byte for byte with the one its request must get,
 * so a server that answers the wrong request, or answers wrongly, fails the benchmark.
 */
final class HttpLoad implements AutoCloseable {
    private final Selector selector;
    private final Connection[] connections;
    private int unfinished;

    private HttpLoad(Selector selector, Connection[] connections) {
        this.selector = selector;
        this.connections = connections;
    }

    /** Opens {@code count} keep-alive connections to {@code server} and checks that each answers. */
    static HttpLoad connect(InetSocketAddress server, int count) throws IOException {
        Selector selector = Selector.open();
        Connection[] connections = new Connection[count];
        HttpLoad load = new HttpLoad(selector, connections);
        try {
            for (int i = 0; i < count; i++) {
                SocketChannel ch = SocketChannel.open(server);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                connections[i] = new Connection(ch, i);
                connections[i].key = ch.register(selector, SelectionKey.OP_READ, connections[i]);
            }
            load.requests(1);
        } catch (IOException | RuntimeException e) {
            load.close();
            throw e;
        }
        return load;
    }

    /** Every connection makes {@code rounds} requests, one after another; returns the total made. */
    int requests(int rounds) throws IOException {
        unfinished = connections.length;
        for (Connection c : connections) {
            c.start(rounds);
        }
        while (unfinished > 0) {
            selector.select(this::onReady);
        }
        return connections.length * rounds;
    }

    private void onReady(SelectionKey key) {
        try {
            if (((Connection) key.attachment()).onReady(key)) {
                unfinished--;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (Connection c : connections) {
            if (c != null) {
                c.channel.close();
            }
        }
        selector.close();
    }

    /** One keep-alive connection: the request in flight, the response expected, the bytes so far. */
    private static final class Connection {
        final SocketChannel channel;
        final int id;
        final ByteBuffer in = ByteBuffer.allocate(4096);
        ByteBuffer out;
        byte[] expected;
        SelectionKey key;
        int roundsLeft;
        long sequence;

        Connection(SocketChannel channel, int id) {
            this.channel = channel;
            this.id = id;
        }

        void start(int rounds) throws IOException {
            roundsLeft = rounds;
            send();
        }

        /** Handles a readiness event; true when this connection finished its rounds. */
        boolean onReady(SelectionKey k) throws IOException {
            if (k.isWritable()) {
                flush();
            }
            if (!k.isReadable()) {
                return false;
            }
            if (channel.read(in) < 0) {
                throw new IOException("the server closed connection " + id);
            }
            if (in.position() < expected.length) {
                return false;
            }
            if (in.position() > expected.length
                    || !Arrays.equals(in.array(), 0, expected.length, expected, 0, expected.length)) {
                throw new IOException("connection " + id + " got " + new String(in.array(), 0, in.position(), US_ASCII)
                        + " instead of " + new String(expected, US_ASCII));
            }
            if (--roundsLeft == 0) {
                return true;
            }
            send();
            return false;
        }

        /** The next request; its target is new each time, and so is the response it must get. */
        private void send() throws IOException {
            String target = "/items/" + id + "/" + ++sequence;
            out = ByteBuffer.wrap(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nUser-Agent: weft-bench\r\n"
                    + "Accept: */*\r\n\r\n").getBytes(US_ASCII));
            expected = HttpRequest.response("200 OK", "hello " + target + "\n");
            in.clear();
            flush();
        }

        private void flush() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }
}
