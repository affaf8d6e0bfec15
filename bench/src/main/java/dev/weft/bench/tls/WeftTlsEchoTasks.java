package dev.weft.bench.tls;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Async;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.net.TlsStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import javax.net.ssl.SSLContext;

/** Woven code for {@link WeftTlsEchoServer}; loaded only after the agent is in. */
final class WeftTlsEchoTasks {
    private WeftTlsEchoTasks() {}

    static Future<Void> serve(TcpListener listener, SSLContext tls, Queue<JoinHandle<Void>> connections) {
        try {
            for (;;) {
                TcpStream s = await(listener.accept());
                s.setNoDelay(true);
                connections.add(Async.spawn(echo(TlsStream.server(s, tls))));
            }
        } catch (IOException e) {
            if (!listener.isClosed()) {
                throw new UncheckedIOException(e);
            }
        }
        return ready(null);
    }

    /** Writes back what it reads until the client's close_notify (or its socket closing). */
    static Future<Void> echo(TlsStream s) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try (s) {
            while (await(s.read(buffer)) >= 0) {
                await(s.writeAll(buffer.flip()));
                buffer.clear();
            }
        } catch (IOException e) {
            // a client closing at teardown ends the connection, as in ThreadTlsEchoServer
        }
        return ready(null);
    }
}
