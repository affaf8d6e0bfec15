package dev.weft.sync;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Described;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A FIFO queue between tasks: senders wait while it is full, receivers wait while it is empty.
 * Bounded channels give backpressure (a {@link #send} is pending until there is room); unbounded
 * ones never make a sender wait. Any number of senders and receivers may use one channel.
 *
 * <pre>{@code
 * Channel<Job> jobs = Channel.bounded(64);
 *
 * Future<Void> produce() {              // woven coroutine
 *     for (Job j : backlog) await(jobs.send(j));   // waits while 64 jobs are queued
 *     jobs.close();
 *     return ready(null);
 * }
 *
 * Future<Void> consume() {
 *     try {
 *         for (;;) run(await(jobs.receive()));
 *     } catch (ChannelClosedException drained) {
 *         return ready(null);
 *     }
 * }
 * }</pre>
 *
 * <p><b>Order.</b> Elements come out in the order their sends completed. Waiting senders are
 * served in the order they started waiting, and so are waiting receivers.
 *
 * <p><b>Close.</b> {@link #close()} stops new sends: a send polled after close, or still waiting
 * at close, fails with {@link ChannelClosedException} and its element is not delivered. Elements
 * already in the channel stay: receivers drain them, and only then does a receive fail with
 * {@code ChannelClosedException}, which is how the end of the stream is represented (no sentinel
 * value, so {@code null} is not allowed as an element).
 *
 * <p><b>Cancellation.</b> The futures of {@code send} and {@code receive} are {@link Cancellable}. A
 * waiting send that is cancelled leaves the queue and its element is not sent; one whose element
 * was already taken into the channel counts as sent. A receive that is cancelled after an element
 * was handed to it but before it saw the element gives the element back: to the next waiting
 * receiver, or to the front of the channel (so a bounded channel may briefly hold one element over
 * its capacity). No element is ever lost or duplicated.
 *
 * @param <T> the element type
 */
public final class Channel<T> {
    /** What every completed send answers; a Poll is immutable, so one instance serves them all. */
    private static final Poll<Void> SENT = Poll.ready(null);

    private final Object lock = new Object();
    private final int capacity;
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    // Invariants, under lock: senders wait only while the buffer is full; receivers wait only
    // while it is empty; so at most one of the two queues is non-empty.
    private final ArrayDeque<Send> waitingSenders = new ArrayDeque<>();
    private final ArrayDeque<Receive> waitingReceivers = new ArrayDeque<>();
    private boolean closed;

    private Channel(int capacity) {
        this.capacity = capacity;
    }

    /** A channel holding at most {@code capacity} elements (at least 1). */
    public static <T> Channel<T> bounded(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        return new Channel<>(capacity);
    }

    /** A channel that grows as needed; its sends are ready on their first poll unless it is closed. */
    public static <T> Channel<T> unbounded() {
        return new Channel<>(Integer.MAX_VALUE);
    }

    /**
     * A future that puts {@code value} into the channel, pending while the channel is full. Fails
     * with {@link ChannelClosedException} if the channel is closed before the element got in.
     */
    public Future<Void> send(T value) {
        return new Send(Objects.requireNonNull(value, "channel elements cannot be null"));
    }

    /**
     * Puts {@code value} in now if there is room (or a receiver waiting).
     *
     * @return false if the channel is full
     * @throws ChannelClosedException if the channel is closed
     */
    public boolean trySend(T value) {
        Objects.requireNonNull(value, "channel elements cannot be null");
        Waker toWake;
        synchronized (lock) {
            if (closed) {
                throw closedForSend();
            }
            Receive r = waitingReceivers.poll();
            if (r != null) {
                toWake = r.hand(value);
            } else if (buffer.size() < capacity) {
                buffer.add(value);
                return true;
            } else {
                return false;
            }
        }
        toWake.wake();
        return true;
    }

    /**
     * A future for the next element, pending while the channel is empty. Fails with
     * {@link ChannelClosedException} once the channel is closed and drained.
     */
    public Future<T> receive() {
        return new Receive();
    }

    /**
     * Takes the next element if there is one now; never throws. Empty and closed are told apart by
     * the answer: {@link Received#hasElement()}, else {@link Received#isClosed()} (closed and
     * drained: nothing will come), else empty for now.
     *
     * <pre>{@code
     * for (Received<Job> r; (r = jobs.tryReceive()).hasElement(); ) run(r.element());
     * }</pre>
     */
    public Received<T> tryReceive() {
        Waker toWake;
        T value;
        synchronized (lock) {
            value = buffer.poll();
            if (value == null) {
                return closed ? Received.closed() : Received.empty();
            }
            toWake = admitWaitingSender();
        }
        if (toWake != null) {
            toWake.wake();
        }
        return Received.of(value);
    }

    /**
     * Closes the channel: waiting and later sends fail; receivers drain what is in it, then fail
     * with {@link ChannelClosedException}. Idempotent.
     */
    public void close() {
        ArrayDeque<Waker> toWake = new ArrayDeque<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            for (Send s; (s = waitingSenders.poll()) != null; ) {
                s.state = Send.FAILED;
                toWake.add(s.waker);
            }
            for (Receive r; (r = waitingReceivers.poll()) != null; ) {
                r.state = Receive.CLOSED;
                toWake.add(r.waker);
            }
        }
        toWake.forEach(Waker::wake);
    }

    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** How many elements are in the channel now (not counting waiting senders). */
    public int size() {
        synchronized (lock) {
            return buffer.size();
        }
    }

    /** What a pending send or receive waits on, for task dumps: {@code channel, 16 of 16 elements}. */
    private String describe(String operation) {
        synchronized (lock) {
            return "channel, waiting to " + operation + ": " + buffer.size() + " of "
                    + (capacity == Integer.MAX_VALUE ? "unbounded" : String.valueOf(capacity)) + " elements, "
                    + waitingSenders.size() + " senders and " + waitingReceivers.size() + " receivers waiting"
                    + (closed ? ", closed" : "");
        }
    }

    /** Under lock, after an element left the buffer: lets the longest-waiting sender's element in. */
    private Waker admitWaitingSender() {
        if (buffer.size() >= capacity) {
            return null;
        }
        Send s = waitingSenders.poll();
        if (s == null) {
            return null;
        }
        buffer.add(s.value);
        s.state = Send.ACCEPTED;
        return s.waker;
    }

    private static ChannelClosedException closedForSend() {
        return new ChannelClosedException("send on a closed channel");
    }

    private static ChannelClosedException closedForReceive() {
        return new ChannelClosedException("channel closed and drained");
    }

    /**
     * One send.
     *
     * <pre>
     * state     event                              next      effect
     * --------  ---------------------------------  --------  ------------------------------------
     * NEW       poll: a receiver waits             DONE      element handed to it, it is woken
     * NEW       poll: room in the buffer           DONE      element buffered
     * NEW       poll: full                         WAITING   queued behind earlier senders
     * NEW       poll: closed                       DONE      throws ChannelClosedException
     * WAITING   a receive makes room               ACCEPTED  element buffered, sender woken
     * WAITING   close                              FAILED    woken; its poll throws
     * WAITING   cancel                             DONE      leaves the queue; element not sent
     * ACCEPTED  poll                               DONE      ready
     * </pre>
     */
    private final class Send implements Future<Void>, Cancellable, Described {
        static final int NEW = 0;
        static final int WAITING = 1;
        static final int ACCEPTED = 2;
        static final int FAILED = 3;
        static final int DONE = 4;

        final T value;
        int state = NEW; // guarded by lock
        Waker waker;     // guarded by lock

        Send(T value) {
            this.value = value;
        }

        @Override
        public String describe() {
            return Channel.this.describe("send");
        }

        @Override
        public Poll<Void> poll(Context cx) {
            Waker toWake = null;
            synchronized (lock) {
                switch (state) {
                    case NEW -> {
                        if (closed) {
                            state = DONE;
                            throw closedForSend();
                        }
                        Receive r = waitingReceivers.poll();
                        if (r != null) {
                            toWake = r.hand(value);
                            state = DONE;
                        } else if (buffer.size() < capacity) {
                            buffer.add(value);
                            state = DONE;
                        } else {
                            state = WAITING;
                            waker = cx.waker();
                            waitingSenders.add(this);
                            return Poll.pending();
                        }
                    }
                    case WAITING -> {
                        waker = cx.waker();
                        return Poll.pending();
                    }
                    case ACCEPTED -> state = DONE;
                    case FAILED -> {
                        state = DONE;
                        throw closedForSend();
                    }
                    default -> throw new IllegalStateException("send polled after it finished");
                }
            }
            if (toWake != null) {
                toWake.wake();
            }
            return SENT;
        }

        @Override
        public void cancel() {
            synchronized (lock) {
                if (state == WAITING) {
                    waitingSenders.remove(this);
                }
                state = DONE;
                waker = null;
            }
        }
    }

    /**
     * One receive.
     *
     * <pre>
     * state    event                              next     effect
     * -------  ---------------------------------  -------  ----------------------------------------
     * NEW      poll: buffer not empty             DONE     takes the head; a waiting sender gets in
     * NEW      poll: empty and closed             DONE     throws ChannelClosedException
     * NEW      poll: empty                        WAITING  queued behind earlier receivers
     * WAITING  a send hands it an element         HANDED   element kept here, receiver woken
     * WAITING  close                              CLOSED   woken; its poll throws
     * WAITING  cancel                             DONE     leaves the queue
     * HANDED   poll                               DONE     ready with the element
     * HANDED   cancel                             DONE     element to the next waiting receiver,
     *                                                      else back to the front of the buffer
     * </pre>
     */
    private final class Receive implements Future<T>, Cancellable, Described {
        static final int NEW = 0;
        static final int WAITING = 1;
        static final int HANDED = 2;
        static final int CLOSED = 3;
        static final int DONE = 4;

        int state = NEW; // guarded by lock
        Waker waker;     // guarded by lock
        T handed;        // guarded by lock

        @Override
        public String describe() {
            return Channel.this.describe("receive");
        }

        /** Under lock: gives this waiting receiver {@code value}; returns its waker to call outside. */
        Waker hand(T value) {
            handed = value;
            state = HANDED;
            return waker;
        }

        @Override
        public Poll<T> poll(Context cx) {
            Waker toWake;
            T value;
            synchronized (lock) {
                switch (state) {
                    case NEW -> {
                        value = buffer.poll();
                        if (value == null) {
                            if (closed) {
                                state = DONE;
                                throw closedForReceive();
                            }
                            state = WAITING;
                            waker = cx.waker();
                            waitingReceivers.add(this);
                            return Poll.pending();
                        }
                        state = DONE;
                        toWake = admitWaitingSender();
                    }
                    case WAITING -> {
                        waker = cx.waker();
                        return Poll.pending();
                    }
                    case HANDED -> {
                        value = handed;
                        handed = null;
                        state = DONE;
                        toWake = null;
                    }
                    case CLOSED -> {
                        // an element given back by a cancelled receiver after close still drains
                        state = DONE;
                        value = buffer.poll();
                        if (value == null) {
                            throw closedForReceive();
                        }
                        toWake = null;
                    }
                    default -> throw new IllegalStateException("receive polled after it finished");
                }
            }
            if (toWake != null) {
                toWake.wake();
            }
            return Poll.ready(value);
        }

        @Override
        public void cancel() {
            Waker toWake = null;
            synchronized (lock) {
                if (state == WAITING) {
                    waitingReceivers.remove(this);
                } else if (state == HANDED) {
                    T value = handed;
                    handed = null;
                    Receive next = waitingReceivers.poll();
                    if (next != null) {
                        toWake = next.hand(value);
                    } else {
                        buffer.addFirst(value);
                    }
                }
                state = DONE;
                waker = null;
            }
            if (toWake != null) {
                toWake.wake();
            }
        }
    }
}
