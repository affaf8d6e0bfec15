package dev.weft;

import dev.weft.rethrow.Throw;
import java.util.ArrayDeque;

/**
 * {@link AsyncStream#buffer}: upstream runs as a task of its own ({@link Pump}), up to
 * {@code capacity} elements ahead of the consumer, so a slow producer and a slow consumer overlap.
 * The queue, the end, a failure and the two wakers are guarded by this object's lock: each side
 * records its waker under the lock in which it found nothing to do, and the other side reads it
 * under the lock in which it changed that, so no wake is lost.
 *
 * <pre>
 * consumer poll              queue not empty: take one, wake the pump if it waits for room
 *                            empty, upstream failed: the failure (once), then ended
 *                            empty, upstream ended: end of stream
 *                            empty: record the waker, Pending
 * pump poll                  queue full: record the waker, Pending
 *                            otherwise poll upstream's next(); an element or the end is queued
 *                            and the consumer woken; a failure is recorded, and the pump ends
 * close / cancel             the pump's task is cancelled, which closes upstream on its executor
 * </pre>
 */
final class BufferedStream<T> extends AsyncStream<T> implements FallibleFuture<Item<T>, Exception>, Cancellable {
    private final AsyncStream<T> upstream;
    private final int capacity;
    private final ArrayDeque<Item<T>> queue = new ArrayDeque<>();
    private boolean upstreamEnded;
    private Throwable failure;
    private Waker consumer;
    private Waker producer;
    private JoinHandle<Void> pump;
    private boolean closed;

    BufferedStream(AsyncStream<T> upstream, int capacity) {
        this.upstream = upstream;
        this.capacity = capacity;
    }

    @Override
    public Future<Item<T>> next() {
        return this;
    }

    @Override
    public Poll<Item<T>> poll(Context cx) {
        if (closed) {
            return end();
        }
        if (pump == null) {
            pump = Async.spawn(new Pump());
        }
        Waker room;
        Item<T> head;
        synchronized (this) {
            head = queue.poll();
            if (head == null) {
                return nothingQueued(cx);
            }
            room = producer;
            producer = null;
        }
        if (room != null) {
            room.wake();
        }
        return Poll.ready(head);
    }

    private Poll<Item<T>> nothingQueued(Context cx) {
        if (failure != null) {
            Throwable t = failure;
            failure = null;
            closed = true;
            throw Throw.unchecked(t);
        }
        if (upstreamEnded) {
            return end();
        }
        consumer = cx.waker();
        return Poll.pending();
    }

    @Override
    public void cancel() {
        close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pump != null) {
            pump.cancel();
        } else {
            upstream.close();
        }
    }

    /** The task that moves upstream's elements into the queue. */
    private final class Pump implements Future<Void>, Cancellable {
        private Future<Item<T>> next;

        @Override
        public Poll<Void> poll(Context cx) {
            for (;;) {
                synchronized (BufferedStream.this) {
                    if (queue.size() >= capacity) {
                        producer = cx.waker();
                        return Poll.pending();
                    }
                }
                if (next == null) {
                    next = upstream.next();
                }
                Poll<Item<T>> p;
                try {
                    p = next.poll(cx);
                } catch (Throwable t) {
                    hand(null, t);
                    return Poll.ready(null);
                }
                if (p.isPending()) {
                    return Poll.pending();
                }
                next = null;
                hand(p.value(), null);
                if (!p.value().present()) {
                    return Poll.ready(null);
                }
            }
        }

        /** Queues an element, or records the end or a failure, and wakes the consumer. */
        private void hand(Item<T> item, Throwable t) {
            Waker w;
            synchronized (BufferedStream.this) {
                if (t != null) {
                    failure = t;
                } else if (item.present()) {
                    queue.add(item);
                } else {
                    upstreamEnded = true;
                }
                w = consumer;
                consumer = null;
            }
            if (w != null) {
                w.wake();
            }
        }

        @Override
        public void cancel() {
            if (next != null) {
                Cancellable.cancel(next);
                next = null;
            }
            upstream.close();
        }
    }
}
