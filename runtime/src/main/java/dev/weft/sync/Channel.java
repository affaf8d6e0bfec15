package dev.weft.sync;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Described;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.woven.Coroutine;
import dev.weft.woven.UnboxedPoll;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;

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
 * <p><b>Order.</b> Elements come out in the order their sends completed, so the elements of one
 * sender come out in the order it sent them. Waiting senders are let in in the order they started
 * waiting, and waiting receivers are served in the order they started waiting.
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
 * <p><b>Cost.</b> No lock: senders and receivers meet on a lock-free ring of slots (a linked queue
 * when unbounded), and wait in lock-free queues. A send or receive that is ready on its first
 * poll allocates nothing beyond its future (24 bytes for a send, 16 for a receive), and an await
 * of it in woven code no {@link Poll} either; only one that has to wait builds a queue node.
 *
 * @param <T> the element type
 */
public final class Channel<T> {
    /*
     * How the parts meet. The word counts the elements the channel holds (in the buffer, given
     * back, or reserved by a put in progress) and carries the CLOSED bit; a put reserves room in
     * it first, so the buffer never overflows and "closed and drained" is one read: CLOSED and a
     * count of zero. Each slot of a bounded buffer has its own state machine (RingBuffer). A send waits only while the channel is full, a receive only
     * while it is empty; whoever changes that (a take makes room, a put adds an element, close,
     * a waiter enqueuing) then asks for a rebalance, which moves elements to waiting receivers and
     * waiting senders' elements in until neither can move. Every such pair is a write followed by
     * a read on each side (a waiter enqueues, then looks at the buffer; a taker or putter changes
     * the buffer, then looks at the queue), all volatile, so at least one of the two sees the
     * other and nothing waits in vain.
     *
     * One thread rebalances at a time: a request that finds another in progress only counts
     * itself, and the thread in progress runs one more pass for it (no lock, nobody waits). So
     * the receiver a pass claims gets the element the pass takes next, in buffer order, and
     * waiting senders are let in one by one in queue order.
     *
     *   word                     send reserves       take / give back      close
     *   -----------------------  ------------------  --------------------  ----------------------
     *   open, count < capacity   count + 1           count - 1 / + 1       CLOSED, same count
     *   open, count = capacity   waits (or false)    count - 1 / + 1       CLOSED, same count
     *   CLOSED, count > 0        fails               count - 1 / + 1       unchanged
     *   CLOSED, count = 0        fails               nothing to take       unchanged
     */
    private static final long CLOSED = 1L << 62;
    /** Above this capacity the buffer is linked, so a large bound does not allocate a large ring. */
    private static final int LARGEST_RING = 1 << 16;

    private static final VarHandle WORD;
    private static final VarHandle REBALANCE_REQUESTS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            WORD = lookup.findVarHandle(Channel.class, "word", long.class);
            REBALANCE_REQUESTS = lookup.findVarHandle(Channel.class, "rebalanceRequests", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long capacity;
    private final ElementBuffer<T> buffer;
    /** Elements a cancelled receive gave back; they come out before the buffer's. */
    private final ConcurrentLinkedDeque<T> givenBack = new ConcurrentLinkedDeque<>();
    private final WaiterQueue<SendWaiter<T>> waitingSenders = new WaiterQueue<>();
    private final WaiterQueue<ReceiveWaiter<T>> waitingReceivers = new WaiterQueue<>();
    private volatile long word;
    /** Rebalances asked for and not yet run; the thread that raised it from 0 runs them. */
    private volatile int rebalanceRequests;

    private Channel(int capacity) {
        this.capacity = capacity;
        this.buffer = capacity <= LARGEST_RING ? new RingBuffer<>(capacity) : new LinkedBuffer<>();
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
        if (isClosed()) {
            throw closedForSend();
        }
        if (handToWaitingReceiver(value)) {
            return true;
        }
        if (waitingSenders.firstWaiting() != null) {
            return false; // do not jump the queue of waiting senders
        }
        return putIfRoom(value);
    }

    /**
     * A future for the next element, pending while the channel is empty. Fails with
     * {@link ChannelClosedException} once the channel is closed and drained.
     */
    public Future<T> receive() {
        return new Receive<>(this);
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
        T value = take();
        if (value != null) {
            return Received.of(value);
        }
        return isDrained(word) ? Received.closed() : Received.empty();
    }

    /**
     * Closes the channel: waiting and later sends fail; receivers drain what is in it, then fail
     * with {@link ChannelClosedException}. Idempotent.
     */
    public void close() {
        long before = (long) WORD.getAndBitwiseOr(this, CLOSED);
        if ((before & CLOSED) == 0) {
            rebalance();
        }
    }

    public boolean isClosed() {
        return (word & CLOSED) != 0;
    }

    /**
     * How many elements are in the channel now (not counting waiting senders); a put in progress
     * on another thread counts already.
     */
    public int size() {
        return (int) (word & ~CLOSED);
    }

    private static boolean isDrained(long w) {
        return w == CLOSED;
    }

    /**
     * Hands {@code value} straight to the oldest waiting receiver, if one waits and the channel
     * is open and empty (were it not empty, the element would overtake those in it, the sender's
     * own previous one among them). One try: if a rebalance holds that receiver, the element
     * goes through the buffer instead.
     */
    private boolean handToWaitingReceiver(T value) {
        if (waitingReceivers.isEmpty() || word != 0) {
            return false;
        }
        ReceiveWaiter<T> r = waitingReceivers.firstWaiting();
        return r != null && r.hand(value);
    }

    /** Reserves room and puts {@code value} in; false if full; throws if closed. */
    private boolean putIfRoom(T value) {
        for (;;) {
            long w = word;
            if ((w & CLOSED) != 0) {
                throw closedForSend();
            }
            if (w >= capacity) {
                return false;
            }
            if (WORD.compareAndSet(this, w, w + 1)) {
                put(value);
                return true;
            }
        }
    }

    /** After room was reserved: adds the element, then serves a receiver that waited meanwhile. */
    private void put(T value) {
        buffer.put(value);
        if (!waitingReceivers.isEmpty()) {
            rebalance();
        }
    }

    /**
     * Takes the next element, or null. After it, a waiting sender may get in, and once closed and
     * drained the receivers still waiting learn the end.
     */
    private T take() {
        T value = takeWithoutRebalance();
        if (value != null && (!waitingSenders.isEmpty() || !waitingReceivers.isEmpty())) {
            rebalance();
        }
        return value;
    }

    /**
     * Puts an element a cancelled receive had been handed back at the front, over the capacity if
     * need be: it was in the channel before the cancel, and must not be lost.
     */
    private void giveBack(T value) {
        WORD.getAndAdd(this, 1L);
        givenBack.addFirst(value);
        rebalance();
    }

    /**
     * Moves what can move: elements to waiting receivers, waiting senders' elements in (or their
     * failure, once closed), the end of the stream to waiting receivers once closed and drained.
     * Runs here, or on the thread already rebalancing, which then makes one more pass.
     */
    private void rebalance() {
        int requests = (int) REBALANCE_REQUESTS.getAndAdd(this, 1) + 1;
        if (requests != 1) {
            return;
        }
        do {
            while (serveOneReceiver() | admitOneSender()) {
                // keep moving
            }
            requests = (int) REBALANCE_REQUESTS.getAndAdd(this, -requests) - requests;
        } while (requests != 0);
    }

    private boolean serveOneReceiver() {
        ReceiveWaiter<T> r = waitingReceivers.firstWaiting();
        if (r == null) {
            return false;
        }
        if (!r.claim()) {
            return true; // it stopped waiting meanwhile; the next look drops it
        }
        T value = takeWithoutRebalance();
        if (value != null) {
            r.deliver(value);
            return true;
        }
        if (isDrained(word)) {
            r.deliver(FAILED);
            return true;
        }
        r.unclaim();
        return false;
    }

    /** Takes the next element, given back ones first, or null. */
    private T takeWithoutRebalance() {
        T value = givenBack.pollFirst();
        if (value == null) {
            value = buffer.take();
        }
        if (value != null) {
            WORD.getAndAdd(this, -1L);
        }
        return value;
    }

    private boolean admitOneSender() {
        SendWaiter<T> s = waitingSenders.firstWaiting();
        if (s == null) {
            return false;
        }
        for (;;) {
            long w = word;
            if ((w & CLOSED) != 0) {
                Waker sender = s.claim(FAILED);
                if (sender != null) {
                    sender.wake();
                }
                return true;
            }
            if (w >= capacity) {
                return false;
            }
            if (WORD.compareAndSet(this, w, w + 1)) {
                Waker sender = s.claim(ADMITTED);
                if (sender != null) {
                    buffer.put(s.value); // before the wake, or the sender's next element could overtake it
                    sender.wake();
                } else {
                    WORD.getAndAdd(this, -1L); // s was cancelled meanwhile: give the room back
                }
                return true;
            }
        }
    }

    private static ChannelClosedException closedForSend() {
        return new ChannelClosedException("send on a closed channel");
    }

    private static ChannelClosedException closedForReceive() {
        return new ChannelClosedException("channel closed and drained");
    }

    /** A waiter's state, in fields that otherwise hold a waker or an element (never a Marker). */
    private static final class Marker {
        private final String name;

        Marker(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Marker NEW = new Marker("NEW");
    private static final Marker WAITING = new Marker("WAITING");
    private static final Marker CLAIMED = new Marker("CLAIMED");
    private static final Marker ADMITTED = new Marker("ADMITTED");
    private static final Marker FAILED = new Marker("FAILED");
    private static final Marker CANCELLED = new Marker("CANCELLED");
    private static final Marker DONE = new Marker("DONE");

    private static final VarHandle SENDER_STATE;
    private static final VarHandle RECEIVER_SLOT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SENDER_STATE = lookup.findVarHandle(Channel.SendWaiter.class, "state", Object.class);
            RECEIVER_SLOT = lookup.findVarHandle(Channel.ReceiveWaiter.class, "slot", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What a pending send or receive waits on, for task dumps: {@code channel, waiting to send: 16 of 16 elements}. */
    private String describe(String operation) {
        return "channel, waiting to " + operation + ": " + size() + " of "
                + (capacity >= Integer.MAX_VALUE ? "unbounded" : String.valueOf(capacity)) + " elements, "
                + waitingSenders.countWaiting() + " senders and " + waitingReceivers.countWaiting() + " receivers waiting"
                + (isClosed() ? ", closed" : "");
    }

    /**
     * One send. It holds only its element and where it is: a send that is ready on its first poll
     * (room, or a receiver waiting) never builds the queue node, which only a send that waits needs
     * ({@link SendWaiter}, whose state machine is the one rebalances and cancels race on).
     *
     * <pre>
     * state       event                               next        effect
     * ---------   ---------------------------------   ---------   -----------------------------------
     * NEW         poll: a receiver waits              DONE        element handed to it, it is woken
     * NEW         poll: room (no sender waits)        DONE        element put in the buffer
     * NEW         poll: closed                        DONE        throws ChannelClosedException
     * NEW         poll: full, or senders wait         node        a SendWaiter queued behind earlier ones
     * NEW         cancel                              DONE        nothing was sent
     * node        poll, the node still waits          node        its waker replaced by the newest
     * node        poll, the node admitted or failed   DONE        ready, or throws ChannelClosedException
     * node        cancel                              DONE        the node cancelled (see SendWaiter)
     * DONE        poll                                (error)     IllegalStateException
     * </pre>
     *
     * <p>Only the send's owner reads and writes {@code state} (a future has one owner at a time),
     * so it is a plain field; other threads meet the send on its node.
     */
    private final class Send implements Future<Void>, UnboxedPoll, Cancellable, Described {
        final T value;
        private Object state = NEW;

        Send(T value) {
            this.value = value;
        }

        @Override
        public String describe() {
            return Channel.this.describe("send");
        }

        @Override
        public Poll<Void> poll(Context cx) {
            return UnboxedPoll.boxed(pollUnboxed(cx));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object pollUnboxed(Context cx) {
            Object s = state;
            if (s == NEW) {
                return start(cx);
            }
            if (s instanceof SendWaiter<?> w) {
                return w.rewait(cx.waker()) ? Coroutine.SUSPENDED : finish((SendWaiter<T>) w);
            }
            throw new IllegalStateException("send polled after it finished");
        }

        private Object start(Context cx) {
            state = DONE; // unless it waits below; a throw leaves it finished
            if (isClosed()) {
                throw closedForSend();
            }
            if (handToWaitingReceiver(value) || (waitingSenders.isEmpty() && putIfRoom(value))) {
                return null;
            }
            SendWaiter<T> w = new SendWaiter<>(value, cx.waker());
            state = w;
            waitingSenders.enqueue(w);
            rebalance(); // room may have come between the check and the enqueue
            return w.isWaiting() ? Coroutine.SUSPENDED : finish(w);
        }

        private Object finish(SendWaiter<T> w) {
            state = DONE;
            if (w.state == FAILED) {
                throw closedForSend();
            }
            return null; // ADMITTED
        }

        @Override
        public void cancel() {
            // a poll that throws on a closed channel (NEW -> DONE) may be cancelled after; nothing to undo
            Object s = state;
            state = DONE;
            if (s instanceof SendWaiter<?> w) {
                w.cancel();
            }
        }
    }

    /**
     * The queue node of a send that waits. While it waits, its state is the waker to call, so a
     * take that lets it in wakes the waker it replaced by CAS, never a stale one.
     *
     * <pre>
     * state     event                               next       effect
     * --------  ----------------------------------  ---------  -----------------------------------
     * waker     the send polled again               waker'     the newest waker replaces it
     * waker     a take makes room (CAS)             ADMITTED   element put in, old waker woken
     * waker     close (CAS)                         FAILED     woken; the send's poll throws
     * waker     cancel (CAS)                        CANCELLED  element not sent; queue drops it
     * ADMITTED  cancel                              ADMITTED   counts as sent
     * FAILED    cancel                              FAILED     nothing was sent
     * </pre>
     */
    private static final class SendWaiter<T> extends WaiterQueue.Node {
        final T value;
        volatile Object state;

        SendWaiter(T value, Waker waker) {
            this.value = value;
            this.state = waker;
        }

        @Override
        boolean isWaiting() {
            return !(state instanceof Marker);
        }

        /** Keeps {@code w} as the waker if it still waits; false once admitted or failed. */
        boolean rewait(Waker w) {
            for (Object s = state; !(s instanceof Marker); s = state) {
                if (s == w || SENDER_STATE.compareAndSet(this, s, w)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Ends the wait with {@code outcome} (ADMITTED or FAILED) and returns the waker for the
         * caller to call once the outcome is in effect; null if it no longer waited.
         */
        Waker claim(Marker outcome) {
            for (Object s = state; !(s instanceof Marker); s = state) {
                if (SENDER_STATE.compareAndSet(this, s, outcome)) {
                    return (Waker) s;
                }
            }
            return null;
        }

        void cancel() {
            for (Object s = state; !(s instanceof Marker); s = state) {
                if (SENDER_STATE.compareAndSet(this, s, CANCELLED)) {
                    return; // the queue drops it lazily
                }
            }
        }
    }

    /**
     * One receive: a single field, so one that is ready on its first poll costs 16 bytes and
     * nothing else. Until that poll the field is the channel; a receive that has to wait moves the
     * channel into the queue node it builds ({@link ReceiveWaiter}, where handing off, rebalances
     * and cancels race).
     *
     * <pre>
     * state      event                              next       effect
     * ---------  ---------------------------------  ---------  ---------------------------------
     * channel    poll: an element is there          DONE       takes it; a waiting sender gets in
     * channel    poll: closed and drained           DONE       throws ChannelClosedException
     * channel    poll: empty, or receivers wait     node       a ReceiveWaiter queued behind earlier ones
     * channel    cancel                             DONE       nothing was taken
     * node       poll, the node still waits         node       the newest waker is kept
     * node       poll, the node holds e             DONE       ready with e
     * node       poll, the node FAILED              DONE       an element given back since, else
     *                                                          throws ChannelClosedException
     * node       cancel                             DONE       the node cancelled (see ReceiveWaiter)
     * DONE       poll                               (error)    IllegalStateException
     * </pre>
     *
     * <p>Only the receive's owner reads and writes {@code state}, so it is a plain field.
     */
    private static final class Receive<T> implements Future<T>, UnboxedPoll, Cancellable, Described {
        private Object state;

        Receive(Channel<T> channel) {
            this.state = channel;
        }

        @Override
        public String describe() {
            Object s = state; // racy: a task dump reads it from another thread
            if (s instanceof Channel<?> c) {
                return c.describe("receive");
            }
            return s instanceof ReceiveWaiter<?> w ? w.channel.describe("receive") : "channel receive, finished";
        }

        @Override
        public Poll<T> poll(Context cx) {
            return UnboxedPoll.boxed(pollUnboxed(cx));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object pollUnboxed(Context cx) {
            Object s = state;
            if (s instanceof Channel<?> c) {
                return start((Channel<T>) c, cx);
            }
            if (s instanceof ReceiveWaiter<?> w) {
                w.waker = cx.waker();
                return finish((ReceiveWaiter<T>) w);
            }
            throw new IllegalStateException("receive polled after it finished");
        }

        private Object start(Channel<T> c, Context cx) {
            T value = c.waitingReceivers.isEmpty() ? c.take() : null;
            if (value != null) {
                state = DONE;
                return value;
            }
            if (isDrained(c.word)) {
                state = DONE;
                throw closedForReceive();
            }
            ReceiveWaiter<T> w = new ReceiveWaiter<>(c, cx.waker());
            state = w;
            c.waitingReceivers.enqueue(w);
            c.rebalance(); // an element may have come between the check and the enqueue
            return finish(w);
        }

        @SuppressWarnings("unchecked")
        private Object finish(ReceiveWaiter<T> w) {
            Object s = w.slot;
            if (s == WAITING || s == CLAIMED) {
                return Coroutine.SUSPENDED;
            }
            state = DONE;
            w.slot = DONE; // the queue may keep the node as its placeholder: do not keep the element
            if (s == FAILED) {
                T value = w.channel.take(); // given back by a receive cancelled after close
                if (value == null) {
                    throw closedForReceive();
                }
                return value;
            }
            return s;
        }

        @Override
        public void cancel() {
            Object s = state;
            state = DONE;
            if (s instanceof ReceiveWaiter<?> w) {
                w.cancel();
            }
        }
    }

    /**
     * The queue node of a receive that waits. Its slot holds its state, or the element a send
     * handed it; its waker is separate, since an element may itself be a waker.
     *
     * <pre>
     * slot       event                              next       effect
     * ---------  ---------------------------------  ---------  ---------------------------------
     * WAITING    the receive polled again           WAITING    the newest waker is kept
     * WAITING    a send hands it e (CAS)            e          woken
     * WAITING    a rebalance claims it (CAS)        CLAIMED    the rebalance takes the next element
     * CLAIMED    the rebalance took e               e          woken
     * CLAIMED    the rebalance found none           WAITING
     * CLAIMED    closed and drained                 FAILED     woken
     * CLAIMED    cancel                             CLAIMED    waits the few steps until it is not
     * WAITING    cancel (CAS)                       CANCELLED  the queue drops it
     * e          the receive takes it               DONE       ready with e
     * e          cancel                             DONE       e to the next waiting receiver,
     *                                                          else back to the front
     * FAILED     the receive sees it                DONE
     * </pre>
     */
    private static final class ReceiveWaiter<T> extends WaiterQueue.Node {
        final Channel<T> channel;
        volatile Object slot = WAITING;
        volatile Waker waker;

        ReceiveWaiter(Channel<T> channel, Waker waker) {
            this.channel = channel;
            this.waker = waker;
        }

        @Override
        boolean isWaiting() {
            Object s = slot;
            return s == WAITING || s == CLAIMED;
        }

        /** Gives this waiting receive {@code value} and wakes it; false if it stopped waiting. */
        boolean hand(T value) {
            if (RECEIVER_SLOT.compareAndSet(this, WAITING, value)) {
                waker.wake();
                return true;
            }
            return false;
        }

        /** For a rebalance: holds this receive while it looks for an element; false if it stopped waiting. */
        boolean claim() {
            return RECEIVER_SLOT.compareAndSet(this, WAITING, CLAIMED);
        }

        /** Ends a claim with an element, or FAILED for the end of the stream, and wakes the receive. */
        void deliver(Object outcome) {
            slot = outcome;
            waker.wake();
        }

        void unclaim() {
            slot = WAITING;
        }

        @SuppressWarnings("unchecked")
        void cancel() {
            for (Object s = slot; s == WAITING || s == CLAIMED; s = slot) {
                if (s == CLAIMED) {
                    Thread.onSpinWait(); // a rebalance is a take away from delivering or letting go
                } else if (RECEIVER_SLOT.compareAndSet(this, WAITING, CANCELLED)) {
                    return;
                }
            }
            Object s = slot;
            slot = DONE;
            if (!(s instanceof Marker)) {
                channel.giveBack((T) s); // handed but not yet seen: the next receiver gets it
            }
        }
    }
}
