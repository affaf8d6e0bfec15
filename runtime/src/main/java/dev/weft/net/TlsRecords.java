package dev.weft.net;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.FallibleFuture;
import dev.weft.Poll;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The record layer of a {@link TlsStream}: an {@link SSLEngine} between the stream's three
 * buffers and its {@link TcpStream}. Each method makes what progress it can and answers Pending
 * (having parked the waker in the socket) when it must wait for the network.
 *
 * <p>The buffers live here, not in the futures, so a cancelled operation loses nothing: encrypted
 * bytes read but not yet decrypted stay in {@code netIn}, decrypted ones not yet handed out stay
 * in {@code appIn}, and records wrapped but not yet sent stay in {@code netOut} for the next
 * operation's flush. Modes between calls: {@code netIn} is being filled (the socket reads into
 * it), {@code appIn} and {@code netOut} are being drained.
 */
final class TlsRecords {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final TcpStream tcp;
    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private FallibleFuture<Integer, IOException> reading;
    private FallibleFuture<Void, IOException> sending;
    private boolean peerClosedTcp;

    TlsRecords(TcpStream tcp, SSLEngine engine) {
        this.tcp = tcp;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
        this.netOut = ByteBuffer.allocate(packet).flip();
    }

    TcpStream tcp() {
        return tcp;
    }

    SSLEngine engine() {
        return engine;
    }

    boolean handshaking() {
        HandshakeStatus hs = engine.getHandshakeStatus();
        return hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED;
    }

    /** Runs the handshake (the first, or one the peer started) until it is done and flushed. */
    Poll<Void> handshake(Context cx) throws IOException {
        for (;;) {
            if (flush(cx).isPending()) {
                return Poll.pending();
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runDelegatedTasks();
                case NEED_WRAP -> wrap(NOTHING);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult r = unwrap();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && fill(cx, true).isPending()) {
                        return Poll.pending();
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED && !engine.isOutboundDone()) {
                        engine.closeOutbound();
                    }
                }
                default -> {
                    return Poll.ready(null);
                }
            }
        }
    }

    /** Moves decrypted bytes to {@code dst}; answers the count, or -1 once the peer sent close_notify. */
    Poll<Integer> read(ByteBuffer dst, Context cx) throws IOException {
        for (;;) {
            if (appIn.hasRemaining()) {
                return Poll.ready(drainInto(dst));
            }
            if (engine.isInboundDone()) {
                return flush(cx).isPending() ? Poll.pending() : Poll.ready(-1);
            }
            if (handshaking()) {
                if (handshake(cx).isPending()) {
                    return Poll.pending();
                }
                continue;
            }
            SSLEngineResult r = unwrap();
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    if (fill(cx, false).isPending()) {
                        return Poll.pending();
                    }
                }
                case CLOSED -> {
                    if (!engine.isOutboundDone()) {
                        engine.closeOutbound(); // answer the peer's close_notify with ours
                        wrap(NOTHING);
                    }
                }
                default -> {}
            }
        }
    }

    /** Encrypts all of {@code src} and sends it. */
    Poll<Void> writeAll(ByteBuffer src, Context cx) throws IOException {
        for (;;) {
            if (flush(cx).isPending()) {
                return Poll.pending();
            }
            if (!src.hasRemaining()) {
                return Poll.ready(null);
            }
            if (handshaking()) {
                if (handshake(cx).isPending()) {
                    return Poll.pending();
                }
                continue;
            }
            if (engine.isOutboundDone()) {
                throw new java.net.SocketException("TLS stream to " + tcp + " is closed for writing");
            }
            wrap(src);
        }
    }

    /** Sends close_notify: no more application data goes out; reading the peer's data goes on. */
    Poll<Void> closeOutbound(Context cx) throws IOException {
        if (!engine.isOutboundDone() && handshaking() && handshake(cx).isPending()) {
            return Poll.pending(); // close_notify in the middle of a handshake is a protocol error
        }
        if (!engine.isOutboundDone()) {
            engine.closeOutbound();
        }
        for (;;) {
            if (flush(cx).isPending()) {
                return Poll.pending();
            }
            if (engine.isOutboundDone()) {
                return Poll.ready(null);
            }
            wrap(NOTHING);
        }
    }

    /** Cancels the socket operations an abandoned TLS operation left pending; buffers stay. */
    void abandonPending() {
        Cancellable.cancel(reading);
        reading = null;
        Cancellable.cancel(sending);
        sending = null;
    }

    private int drainInto(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), appIn.remaining());
        int limit = appIn.limit();
        dst.put(appIn.limit(appIn.position() + n));
        appIn.limit(limit);
        return n;
    }

    private SSLEngineResult unwrap() throws SSLException {
        for (;;) {
            netIn.flip();
            appIn.compact();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                appIn.flip();
                netIn.compact();
            }
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> appIn = grownForApplicationData(appIn);
                case BUFFER_UNDERFLOW -> {
                    netIn = grownForPackets(netIn);
                    return r;
                }
                default -> {
                    return r;
                }
            }
        }
    }

    private void wrap(ByteBuffer src) throws SSLException {
        for (;;) {
            netOut.compact();
            SSLEngineResult r;
            try {
                r = engine.wrap(src, netOut);
            } finally {
                netOut.flip();
            }
            if (r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
                return;
            }
            ByteBuffer bigger = ByteBuffer.allocate(netOut.remaining() + engine.getSession().getPacketBufferSize());
            netOut = bigger.put(netOut).flip();
        }
    }

    /** Sends what {@code netOut} holds. */
    private Poll<Void> flush(Context cx) throws IOException {
        if (sending == null) {
            if (!netOut.hasRemaining()) {
                return Poll.ready(null);
            }
            sending = tcp.writeAll(netOut);
        }
        if (sending.poll(cx).isPending()) {
            return Poll.pending();
        }
        sending = null;
        return Poll.ready(null);
    }

    /** Reads more encrypted bytes; the end of the TCP stream ends the TLS stream too. */
    private Poll<Void> fill(Context cx, boolean inHandshake) throws IOException {
        if (peerClosedTcp) {
            throw truncated(inHandshake);
        }
        if (reading == null) {
            reading = tcp.read(netIn);
        }
        Poll<Integer> p = reading.poll(cx);
        if (p.isPending()) {
            return Poll.pending();
        }
        reading = null;
        if (p.value() < 0) {
            peerClosedTcp = true;
            throw truncated(inHandshake);
        }
        return Poll.ready(null);
    }

    private IOException truncated(boolean inHandshake) {
        if (inHandshake) {
            return new SSLHandshakeException("the peer " + tcp + " closed the connection during the TLS handshake");
        }
        EOFException e = new EOFException("the peer " + tcp + " closed the connection without a TLS close_notify");
        try {
            engine.closeInbound();
        } catch (SSLException expected) {
            e.addSuppressed(expected);
        }
        return e;
    }

    private void runDelegatedTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }

    private ByteBuffer grownForApplicationData(ByteBuffer drained) {
        int size = Math.max(engine.getSession().getApplicationBufferSize(), drained.capacity() * 2);
        return ByteBuffer.allocate(size).put(drained).flip();
    }

    private ByteBuffer grownForPackets(ByteBuffer filling) {
        int needed = engine.getSession().getPacketBufferSize();
        if (filling.capacity() >= needed) {
            return filling;
        }
        return ByteBuffer.allocate(needed).put(filling.flip());
    }
}
