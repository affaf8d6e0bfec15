package dev.weft.bench.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The load generator shared by every server: one thread (the caller's) and one {@link Selector}
 * driving all connections, so the client costs the same whoever serves and does not compete with
 * the server for more than one core.
 *
 * <p>{@link #roundTrips(int)} is one benchmark operation: every connection sends a
 * {@value #MESSAGE_BYTES}-byte message, waits for all of it to come back, checks the bytes, and
 * sends the next, {@code rounds} times. Connections run side by side; each has one message in
 * flight at a time (ping-pong, no pipelining).
 */
final class EchoClient implements AutoCloseable {
    static final int MESSAGE_BYTES = 64;

    private final Selector selector;
    private final Connection[] connections;
    private int unfinished;

    private EchoClient(Selector selector, Connection[] connections) {
        this.selector = selector;
        this.connections = connections;
    }

    /** Opens {@code count} connections to {@code server} (TCP_NODELAY) and checks that each echoes. */
    static EchoClient connect(InetSocketAddress server, int count) throws IOException {
        Selector selector = Selector.open();
        Connection[] connections = new Connection[count];
        EchoClient client = new EchoClient(selector, connections);
        try {
            for (int i = 0; i < count; i++) {
                SocketChannel ch = SocketChannel.open(server);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                connections[i] = new Connection(ch, i);
                connections[i].key = ch.register(selector, SelectionKey.OP_READ, connections[i]);
            }
            client.roundTrips(1);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /** Every connection makes {@code rounds} round trips; returns the total made. */
    int roundTrips(int rounds) throws IOException {
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

    /** One socket's state: the message in flight and how many rounds are left. */
    private static final class Connection {
        final SocketChannel channel;
        final ByteBuffer out = ByteBuffer.allocateDirect(MESSAGE_BYTES);
        final ByteBuffer in = ByteBuffer.allocateDirect(MESSAGE_BYTES);
        SelectionKey key;
        int roundsLeft;
        long sequence;

        Connection(SocketChannel channel, int id) {
            this.channel = channel;
            for (int i = 0; i < MESSAGE_BYTES; i++) {
                out.put(i, (byte) (id * 31 + i));
            }
            out.putInt(0, id);
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
                throw new IOException("the server closed connection " + out.getInt(0));
            }
            if (in.hasRemaining()) {
                return false;
            }
            in.flip();
            out.clear();
            if (!in.equals(out)) {
                throw new IOException("connection " + out.getInt(0) + " got back other bytes than it sent");
            }
            if (--roundsLeft == 0) {
                return true;
            }
            send();
            return false;
        }

        /** A new message (its sequence number differs from the last one's), sent at once. */
        private void send() throws IOException {
            in.clear();
            out.clear();
            out.putLong(4, ++sequence);
            flush();
        }

        private void flush() throws IOException {
            channel.write(out);
            // 64 bytes fit an empty send buffer, so a partial write is a corner case kept correct,
            // not fast; interestOps is a plain field write when the value does not change.
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }
}
