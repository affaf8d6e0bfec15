package dev.weft.net;

import dev.weft.Context;
import dev.weft.FallibleFuture;
import dev.weft.Poll;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * TLS over a {@link TcpStream}, on the JDK's {@link SSLEngine}: the same futures as the TCP
 * stream (typed with {@link IOException}, so {@code await} declares it), with the records
 * encrypted and decrypted in between.
 *
 * <pre>{@code
 * FallibleFuture<String, IOException> fetch(SSLContext tls, String host) {
 *     return Async.fallible(() -> {
 *         try (TlsStream s = TlsStream.client(await(TcpStream.connect(new InetSocketAddress(host, 443))), tls, host)) {
 *             await(s.handshake());   // fails with SSLHandshakeException for a certificate not trusted
 *             await(s.writeAll(ByteBuffer.wrap(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(US_ASCII))));
 *             ByteBuffer buf = ByteBuffer.allocate(16384);
 *             StringBuilder reply = new StringBuilder();
 *             for (int n; (n = await(s.read(buf.clear()))) >= 0; ) {
 *                 reply.append(US_ASCII.decode(buf.flip()));
 *             }
 *             return ready(reply.toString());
 *         }
 *     });
 * }
 * }</pre>
 *
 * <p><b>One operation at a time.</b> Unlike a {@code TcpStream}, where a read and a write may be
 * pending together, a TLS stream runs one read, write or handshake at a time: reading may have to
 * write (a handshake message, the answer to close_notify). A second operation polled while one is
 * pending fails with {@link IllegalStateException}.
 *
 * <p><b>Handshakes.</b> {@link #handshake()} runs the first one; a read or write before it runs it
 * too. A handshake the peer starts later (TLS 1.2 renegotiation, a TLS 1.3 key update) is carried
 * out inside the read or write that meets it, under the engine's own policy (the JDK refuses
 * insecure renegotiation). The engine's delegated tasks run on the polling thread.
 *
 * <p><b>Closing.</b> {@link #shutdownOutput()} sends close_notify; {@link #read} answers -1 once
 * the peer's close_notify arrives (and sends ours back). A peer that closes the TCP connection
 * without close_notify makes the read fail with {@link java.io.EOFException}, during a handshake
 * with {@link javax.net.ssl.SSLHandshakeException}: a truncated TLS stream is not a clean end.
 * {@link #close()} closes the socket at once.
 *
 * <p><b>Cancellation</b> loses nothing: bytes received but not yet read stay buffered for the next
 * read, and records not yet sent go out with the next operation.
 */
public final class TlsStream implements AutoCloseable {
    private final TlsRecords records;
    private TlsOperation<?> busy;

    private TlsStream(TcpStream tcp, SSLEngine engine) {
        this.records = new TlsRecords(tcp, engine);
    }

    /**
     * The client side of a connection to {@code host}: the server's certificate must be trusted by
     * {@code context} and name {@code host} (endpoint identification as for HTTPS); {@code host}
     * also goes out as the server name (SNI).
     */
    public static TlsStream client(TcpStream tcp, SSLContext context, String host) {
        SSLEngine engine = context.createSSLEngine(Objects.requireNonNull(host, "host"), -1);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(p);
        return over(tcp, engine);
    }

    /** The server side: presents the key and certificate of {@code context}'s key manager. */
    public static TlsStream server(TcpStream tcp, SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        return over(tcp, engine);
    }

    /** Over an engine configured by the caller (client mode, protocols, client authentication). */
    public static TlsStream over(TcpStream tcp, SSLEngine engine) {
        Objects.requireNonNull(tcp, "tcp");
        try {
            engine.beginHandshake();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalArgumentException("the engine cannot start a handshake: " + e.getMessage(), e);
        }
        return new TlsStream(tcp, engine);
    }

    /** A future that completes when the handshake is done; fails with its {@code SSLException}. */
    public FallibleFuture<Void, IOException> handshake() {
        return new TlsOperation<>(this) {
            @Override
            Poll<Void> attempt(TlsRecords r, Context cx) throws IOException {
                return r.handshake(cx);
            }
        };
    }

    /**
     * A future that reads at least one decrypted byte into {@code dst} and completes with the
     * count, or -1 once the peer has sent close_notify.
     */
    public FallibleFuture<Integer, IOException> read(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        return new TlsOperation<>(this) {
            @Override
            Poll<Integer> attempt(TlsRecords r, Context cx) throws IOException {
                return dst.hasRemaining() ? r.read(dst, cx) : Poll.ready(0);
            }
        };
    }

    /** A future that encrypts and sends all of {@code src}. */
    public FallibleFuture<Void, IOException> writeAll(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        return new TlsOperation<>(this) {
            @Override
            Poll<Void> attempt(TlsRecords r, Context cx) throws IOException {
                return r.writeAll(src, cx);
            }
        };
    }

    /** A future that sends close_notify; the stream can still read what the peer sends. */
    public FallibleFuture<Void, IOException> shutdownOutput() {
        return new TlsOperation<>(this) {
            @Override
            Poll<Void> attempt(TlsRecords r, Context cx) throws IOException {
                return r.closeOutbound(cx);
            }
        };
    }

    /** The session negotiated (a placeholder session until the handshake is done). */
    public SSLSession session() {
        return records.engine().getSession();
    }

    /** The TCP stream underneath. */
    public TcpStream tcp() {
        return records.tcp();
    }

    /** Closes the socket at once, without close_notify (await {@link #shutdownOutput()} first for that). */
    @Override
    public void close() {
        records.tcp().close();
    }

    @Override
    public String toString() {
        return "TlsStream[" + records.tcp() + "]";
    }

    TlsRecords records() {
        return records;
    }

    synchronized boolean take(TlsOperation<?> op) {
        if (busy == null) {
            busy = op;
        }
        return busy == op;
    }

    synchronized boolean holds(TlsOperation<?> op) {
        return busy == op;
    }

    synchronized void release(TlsOperation<?> op) {
        if (busy == op) {
            busy = null;
        }
    }
}
