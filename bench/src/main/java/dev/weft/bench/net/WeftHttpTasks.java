package dev.weft.bench.net;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Async;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpReader;
import dev.weft.net.TcpStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Queue;

/** Woven code for {@link WeftHttpServer}; loaded only after the agent is in. */
final class WeftHttpTasks {
    private WeftHttpTasks() {}

    /** Accepts until the listener closes, spawning {@link #serve(TcpStream)} for each connection. */
    static Future<Void> serve(TcpListener listener, Queue<JoinHandle<Void>> connections) {
        try {
            for (;;) {
                TcpStream s = await(listener.accept());
                s.setNoDelay(true);
                connections.add(Async.spawn(serve(s)));
            }
        } catch (IOException e) {
            if (!listener.isClosed()) {
                throw new UncheckedIOException(e);
            }
        }
        return ready(null);
    }

    /** Answers requests on one connection until the client closes it or asks to. */
    static Future<Void> serve(TcpStream s) {
        TcpReader in = new TcpReader(s);
        try (s) {
            String requestLine;
            while ((requestLine = await(in.readLine())) != null) {
                HttpRequest request = HttpRequest.start(requestLine);
                String header;
                while ((header = await(in.readLine())) != null && !header.isEmpty()) {
                    request.header(header);
                }
                if (request.contentLength() > 0) {
                    await(in.readExactly(request.contentLength()));
                }
                await(s.writeAll(ByteBuffer.wrap(request.response())));
                if (!request.keepAlive()) {
                    break;
                }
            }
        } catch (IOException e) {
            // a reset at teardown ends the connection like an end of stream, as in ThreadHttpServer
        }
        return ready(null);
    }
}
