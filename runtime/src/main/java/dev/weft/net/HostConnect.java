package dev.weft.net;

import dev.weft.Blocking;
import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.FallibleFuture;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.rethrow.Throw;
import dev.weft.time.Timer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link TcpStream#connect(String, int)}: resolves the name on the blocking pool (the JDK's
 * resolver blocks), then connects to its addresses in turn, "happy eyeballs" lite (after RFC 8305):
 * the addresses alternate between IPv6 and IPv4, starting with the resolver's first choice; the
 * next attempt starts when the last one failed or has not connected after {@link #STAGGER}, and
 * earlier attempts keep going. The first to connect wins and the others are closed.
 *
 * <pre>
 * state        event                               next         effect
 * ----------   ---------------------------------   ----------   ---------------------------------
 * new          poll                                resolving    lookup submitted to the pool
 * resolving    lookup fails                        done         UnknownHostException out
 * resolving    lookup answers                      connecting   first attempt started
 * connecting   an attempt connects                 done         others cancelled; the stream out
 * connecting   an attempt fails, addresses left    connecting   next attempt started
 * connecting   stagger passes, addresses left      connecting   next attempt started
 * connecting   last attempt fails                  done         ConnectException naming each try
 * any          cancel                              cancelled    lookup, attempts, timer cancelled
 * </pre>
 */
final class HostConnect implements FallibleFuture<TcpStream, IOException>, Cancellable {
    static final Duration STAGGER = Duration.ofMillis(250);

    private record Attempt(InetSocketAddress address, ConnectFuture connect) {}

    private final String host;
    private final int port;
    private final SocketOptions options;
    private final Duration stagger;
    private FallibleFuture<InetAddress[], UnknownHostException> lookup;
    private List<InetAddress> addresses; // in the order to try them, once resolved
    private int tried;
    private final List<Attempt> live = new ArrayList<>();
    private Future<Void> nextAttemptTimer;
    private final List<String> failed = new ArrayList<>();
    private final List<IOException> failures = new ArrayList<>();
    private boolean failedSinceLastStart;
    private boolean finished;

    private HostConnect(String host, int port, SocketOptions options, Duration stagger, List<InetAddress> resolved) {
        this.host = host;
        this.port = port;
        this.options = options;
        this.stagger = stagger;
        this.addresses = resolved == null ? null : interleave(resolved);
    }

    static HostConnect resolving(String host, int port, SocketOptions options) {
        return new HostConnect(host, port, options, STAGGER, null);
    }

    /** Skips the lookup: connects to {@code addresses} as given (tests use it to stall one). */
    static HostConnect toAddresses(List<InetAddress> addresses, int port, SocketOptions options, Duration stagger) {
        return new HostConnect(addresses.toString(), port, options, stagger, List.copyOf(addresses));
    }

    @Override
    public Poll<TcpStream> poll(Context cx) {
        if (finished) {
            throw new IllegalStateException(this + " polled after it completed or was cancelled");
        }
        if (addresses == null) {
            if (lookup == null) {
                lookup = Blocking.callUninterruptibly(() -> InetAddress.getAllByName(host));
            }
            Poll<InetAddress[]> found = pollOrFinish(lookup, cx);
            if (found.isPending()) {
                return Poll.pending();
            }
            addresses = interleave(List.of(found.value()));
        }
        if (live.isEmpty() && tried == 0) {
            start();
        }
        for (;;) {
            TcpStream connected = pollAttempts(cx);
            if (connected != null) {
                finish();
                return Poll.ready(connected);
            }
            if (tried == addresses.size()) {
                if (live.isEmpty()) {
                    finish();
                    throw Throw.unchecked(allFailed());
                }
                return Poll.pending();
            }
            if (failedSinceLastStart || staggerPassed(cx)) {
                start();
                continue;
            }
            return Poll.pending();
        }
    }

    /** Polls every live attempt: the stream of the first to connect; a failed one is dropped. */
    private TcpStream pollAttempts(Context cx) {
        for (int i = 0; i < live.size(); i++) {
            Attempt a = live.get(i);
            try {
                Poll<TcpStream> p = a.connect().poll(cx);
                if (p.isReady()) {
                    live.remove(i);
                    return p.value();
                }
            } catch (Exception e) {
                if (!(e instanceof IOException io)) {
                    finish();
                    throw e;
                }
                live.remove(i--);
                failedSinceLastStart = true;
                failed.add(a.address() + " (" + io.getMessage() + ")");
                failures.add(io);
            }
        }
        return null;
    }

    private boolean staggerPassed(Context cx) {
        if (nextAttemptTimer == null) {
            nextAttemptTimer = Timer.sleep(stagger);
        }
        if (nextAttemptTimer.poll(cx).isPending()) {
            return false;
        }
        nextAttemptTimer = null;
        return true;
    }

    private void start() {
        failedSinceLastStart = false;
        Cancellable.cancel(nextAttemptTimer);
        nextAttemptTimer = null;
        InetSocketAddress address = new InetSocketAddress(addresses.get(tried++), port);
        live.add(new Attempt(address, new ConnectFuture(address, options)));
    }

    private ConnectException allFailed() {
        ConnectException e = new ConnectException(
                "connect to " + host + ":" + port + " failed; tried " + String.join(", ", failed));
        failures.forEach(e::addSuppressed);
        return e;
    }

    private <V> Poll<V> pollOrFinish(Future<V> f, Context cx) {
        try {
            return f.poll(cx);
        } catch (Throwable t) {
            finish();
            throw t;
        }
    }

    /** Gives back what is still held: the other attempts' sockets, the timer, the lookup. */
    private void finish() {
        finished = true;
        Cancellable.cancel(lookup);
        Cancellable.cancel(nextAttemptTimer);
        nextAttemptTimer = null;
        for (Attempt a : live) {
            a.connect().cancel();
        }
        live.clear();
    }

    @Override
    public void cancel() {
        if (!finished) {
            finish();
        }
    }

    /** The resolver's first choice first, then alternating between the two families. */
    static List<InetAddress> interleave(List<InetAddress> resolved) {
        if (resolved.isEmpty()) {
            return resolved;
        }
        boolean firstIsV6 = resolved.get(0) instanceof Inet6Address;
        List<InetAddress> same = new ArrayList<>();
        List<InetAddress> other = new ArrayList<>();
        for (InetAddress a : resolved) {
            ((a instanceof Inet6Address) == firstIsV6 ? same : other).add(a);
        }
        List<InetAddress> order = new ArrayList<>(resolved.size());
        for (int i = 0; i < Math.max(same.size(), other.size()); i++) {
            if (i < same.size()) {
                order.add(same.get(i));
            }
            if (i < other.size()) {
                order.add(other.get(i));
            }
        }
        return order;
    }

    @Override
    public String toString() {
        return "connect(" + host + ":" + port + ")";
    }
}
