package dev.weft.net;

import dev.weft.AsyncStream;
import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.FallibleFuture;
import dev.weft.Future;
import dev.weft.Item;
import dev.weft.Poll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The lines a {@link TcpStream} receives, as an {@link AsyncStream} of UTF-8 strings without their
 * {@code \n} (or {@code \r\n}). A last line without a terminator is still a line; the stream ends
 * at the peer's end of stream. A read failure fails {@code next()} with its {@code IOException},
 * so {@code await(lines.next(IOException.class))} catches it by type.
 *
 * <pre>{@code
 * AsyncStream<String> lines = LineStream.of(socket);
 * for (Item<String> l; (l = await(lines.next(IOException.class))).present(); ) {
 *     handle(l.value());
 * }
 * }</pre>
 *
 * <p>Reads go straight to the socket in chunks of 8 KiB; a line may be any length. Closing the
 * stream cancels a pending read and leaves the socket open.
 */
public final class LineStream extends AsyncStream<String> implements FallibleFuture<Item<String>, IOException>,
        Cancellable {
    private static final int CHUNK = 8192;

    private final TcpStream socket;
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK).limit(0); // read mode: unread bytes
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private Future<Integer> read;
    private boolean peerEnded;
    private boolean ended;

    private LineStream(TcpStream socket) {
        this.socket = socket;
    }

    /** The lines {@code socket} receives from now on; nothing is read before the first poll. */
    public static LineStream of(TcpStream socket) {
        return new LineStream(socket);
    }

    @Override
    public Future<Item<String>> next() {
        return this;
    }

    @Override
    public Poll<Item<String>> poll(Context cx) {
        while (!ended) {
            if (read == null) { // the chunk holds unread bytes only while no read is filling it
                if (completeLine()) {
                    return Poll.ready(Item.of(takeLine()));
                }
                if (peerEnded) {
                    ended = true;
                    return line.size() > 0 ? Poll.ready(Item.of(takeLine())) : end();
                }
                chunk.clear();
                read = socket.read(chunk);
            }
            Poll<Integer> p = read.poll(cx);
            if (p.isPending()) {
                return Poll.pending();
            }
            read = null;
            chunk.flip();
            peerEnded = p.value() < 0;
        }
        return end();
    }

    /** Moves unread bytes into the line up to a {@code \n}; whether one was found (and consumed). */
    private boolean completeLine() {
        while (chunk.hasRemaining()) {
            byte b = chunk.get();
            if (b == '\n') {
                return true;
            }
            line.write(b);
        }
        return false;
    }

    private String takeLine() {
        byte[] bytes = line.toByteArray();
        line.reset();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    @Override
    public void cancel() {
        close();
    }

    @Override
    public void close() {
        ended = true;
        if (read != null) {
            Cancellable.cancel(read);
            read = null;
        }
    }
}
