package dev.weft.bench.net;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Async;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Queue;

/** Woven code for {@link WeftEchoServer}; loaded only after the agent is in. */
final class WeftEchoTasks {
    private WeftEchoTasks() {}

    /** Accepts until the listener closes, spawning {@link #echo} for each connection. */
    static Future<Void> serve(TcpListener listener, Queue<JoinHandle<Void>> connections) {
        try {
            for (;;) {
                TcpStream s = await(listener.accept());
                s.setNoDelay(true);
                connections.add(Async.spawn(echo(s)));
            }
        } catch (IOException e) {
            if (!listener.isClosed()) {
                throw new UncheckedIOException(e);
            }
        }
        return ready(null);
    }

    /** Writes back what it reads until end of stream, then closes the connection. */
    static Future<Void> echo(TcpStream s) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1024);
        try (s) {
            while (await(s.read(buffer)) >= 0) {
                buffer.flip();
                await(s.writeAll(buffer));
                buffer.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ready(null);
    }
}
