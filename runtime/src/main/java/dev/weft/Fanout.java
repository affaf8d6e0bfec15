package dev.weft;

import java.lang.invoke.ConstantBootstraps;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The engine under {@link FutureSet}, {@link Join} and {@link Select}: many child futures polled by
 * one owner, each child with its own waker, so a poll of the owner touches only the children that
 * were woken since it last looked.
 *
 * <p>Each child carries one {@code queued} flag:
 * <pre>
 * queued  event                              next   effect
 * ------  ---------------------------------  -----  ----------------------------------------------
 * true    added                              true   on the ready queue, so its first poll happens
 * false   the child's waker fires            true   pushed on the ready queue, parent waker woken
 * true    the child's waker fires            true   nothing: already queued
 * true    owner takes it off the ready queue false  polled; a wake during that poll re-queues it
 * any     child finishes or is cancelled     true   forever, so late wakes queue nothing
 * </pre>
 *
 * <p>Only the owner adds, polls and cancels; only the wakers run on other threads. The parent waker
 * is published before the ready queue is drained, so a child that enqueues itself after the owner
 * found the queue empty reads the current parent waker.
 */
final class Fanout<T> {
    /** {@link #pollNext} found nothing ready and registered the parent waker. */
    static final int PENDING = -1;
    /** {@link #pollNext} found no children left. */
    static final int EMPTY = -2;

    private final ConcurrentLinkedQueue<Child<T>> ready = new ConcurrentLinkedQueue<>();
    private volatile Waker parent;
    private Child<T> head; // live children, owner-only, so cancelAll can reach them
    private int live;
    private int nextId;

    /** The output of the child {@link #pollNext} last reported, when it did not fail. */
    T output;
    /** The failure of the child {@link #pollNext} last reported, or null. */
    Throwable failure;

    /** Adds a child, queued for its first poll; returns its id (0, 1, 2... in order of adding). */
    int add(Future<? extends T> future) {
        Child<T> c = new Child<>(this, nextId++, future);
        c.next = head;
        if (head != null) {
            head.prev = c;
        }
        head = c;
        live++;
        ready.add(c);
        return c.id;
    }

    int live() {
        return live;
    }

    /**
     * Polls woken children until one finishes. Returns its id (with {@link #output} or
     * {@link #failure} set), {@link #PENDING}, or {@link #EMPTY}.
     */
    int pollNext(Context cx) {
        output = null;
        failure = null;
        if (live == 0) {
            return EMPTY;
        }
        parent = cx.waker();
        // a child that wakes itself on every poll must not keep the owner's poll going forever
        int budget = live;
        while (budget > 0) {
            Child<T> c = ready.poll();
            if (c == null) {
                return PENDING;
            }
            if (c.future == null) {
                continue; // finished earlier; a stale queue entry
            }
            budget--;
            QUEUED.setVolatile(c, false);
            Poll<? extends T> p;
            try {
                p = c.future.poll(c.cx);
            } catch (Throwable t) {
                remove(c);
                failure = t;
                return c.id;
            }
            if (p.isReady()) {
                remove(c);
                output = p.value();
                return c.id;
            }
        }
        if (!ready.isEmpty()) {
            cx.waker().wake(); // out of budget with children still woken: come back for them
        }
        return PENDING;
    }

    /** Calls {@code action} on each child still running; they stay in the engine. */
    void forEachLive(Consumer<? super Future<? extends T>> action) {
        for (Child<T> c = head; c != null; c = c.next) {
            action.accept(c.future);
        }
    }

    /** Stops every child still running ({@link #stop}); the engine is empty afterwards. */
    void cancelAll() {
        Child<T> c = head;
        head = null;
        live = 0;
        while (c != null) {
            Child<T> next = c.next;
            Future<? extends T> f = c.future;
            QUEUED.setVolatile(c, true);
            c.future = null;
            c.prev = null;
            c.next = null;
            stop(f);
            c = next;
        }
        ready.clear();
    }

    /**
     * Stops a child the owner no longer waits for. A combinator owns what it was given, task handles
     * included: a handle's task is cancelled, since nothing else would ever read its outcome.
     */
    static void stop(Future<?> child) {
        if (child instanceof JoinHandle<?> h) {
            h.cancel();
        } else {
            Cancellable.cancel(child);
        }
    }

    private void remove(Child<T> c) {
        QUEUED.setVolatile(c, true);
        c.future = null;
        if (c.prev != null) {
            c.prev.next = c.next;
        } else {
            head = c.next;
        }
        if (c.next != null) {
            c.next.prev = c.prev;
        }
        c.prev = null;
        c.next = null;
        live--;
    }

    private static final VarHandle QUEUED =
            ConstantBootstraps.fieldVarHandle(MethodHandles.lookup(), "queued", VarHandle.class, Child.class, boolean.class);

    private static final class Child<T> implements Waker {
        final Fanout<T> owner;
        final int id;
        final Context cx = Context.of(this);
        Future<? extends T> future; // null once finished or cancelled
        Child<T> prev;
        Child<T> next;
        @SuppressWarnings("unused") // accessed through QUEUED
        volatile boolean queued = true;

        Child(Fanout<T> owner, int id, Future<? extends T> future) {
            this.owner = owner;
            this.id = id;
            this.future = future;
        }

        @Override
        public void wake() {
            if (QUEUED.compareAndSet(this, false, true)) {
                owner.ready.add(this);
                Waker p = owner.parent;
                if (p != null) {
                    p.wake();
                }
            }
        }
    }
}
