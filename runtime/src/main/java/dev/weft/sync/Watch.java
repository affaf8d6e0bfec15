package dev.weft.sync;

import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import dev.weft.Waker;
import dev.weft.woven.Coroutine;
import dev.weft.woven.UnboxedPoll;
import java.util.ArrayList;
import java.util.List;

/**
 * One value that changes over time, watched by any number of tasks: each watcher waits for a
 * version newer than the last one it saw and then reads the latest value. Intermediate values may
 * be skipped; a watcher never misses that a change happened.
 *
 * <pre>{@code
 * Watch<Config> config = new Watch<>(Config.load());
 *
 * Future<Void> reloadLoop(Watch.Watcher<Config> w) {      // woven coroutine
 *     try {
 *         for (;;) apply(await(w.changed()));
 *     } catch (ChannelClosedException shutDown) {
 *         return ready(null);
 *     }
 * }
 * ... reloadLoop(config.watch()) ...
 * config.set(Config.load());   // every watcher wakes and sees the new config
 * }</pre>
 *
 * <p>{@link #close()} wakes every watcher; a {@code changed()} that finds no unseen version after
 * close fails with {@link ChannelClosedException}. A {@code changed()} future is
 * {@link Cancellable}: cancelling it removes its waker from the watch.
 *
 * @param <T> the value's type
 */
public final class Watch<T> {
    private final Object lock = new Object();
    private T value;                                   // guarded by lock
    private long version;                              // guarded by lock
    private boolean closed;                            // guarded by lock
    private final List<Changed> waiting = new ArrayList<>(); // guarded by lock

    public Watch(T initial) {
        this.value = initial;
    }

    /** Publishes {@code v} as a new version and wakes every waiting watcher. */
    public void set(T v) {
        List<Changed> toWake;
        synchronized (lock) {
            if (closed) {
                throw new ChannelClosedException("set on a closed watch");
            }
            value = v;
            version++;
            toWake = takeWaiting();
        }
        wakeAll(toWake);
    }

    /** The latest value. */
    public T get() {
        synchronized (lock) {
            return value;
        }
    }

    /** A watcher that has seen the current version; its {@code changed()} waits for the next. */
    public Watcher<T> watch() {
        synchronized (lock) {
            return new Watcher<>(this, version);
        }
    }

    /** No more versions: waiting and later {@code changed()} futures fail once they saw the last one. */
    public void close() {
        List<Changed> toWake;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toWake = takeWaiting();
        }
        wakeAll(toWake);
    }

    private List<Changed> takeWaiting() {
        if (waiting.isEmpty()) {
            return List.of();
        }
        List<Changed> all = new ArrayList<>(waiting);
        waiting.clear();
        for (Changed c : all) {
            c.registered = false;
        }
        return all;
    }

    private static void wakeAll(List<? extends Waker> wakers) {
        for (Waker w : wakers) {
            w.wake();
        }
    }

    /** One task's view of a {@link Watch}: remembers the last version it saw. Not for sharing between tasks. */
    public static final class Watcher<T> {
        private final Watch<T> watch;
        private long seen;

        private Watcher(Watch<T> watch, long seen) {
            this.watch = watch;
            this.seen = seen;
        }

        /** Ready with the latest value once a version newer than the last one seen exists. */
        public Future<T> changed() {
            return watch.new Changed(this);
        }

        /** The latest value, marking it seen. */
        public T get() {
            synchronized (watch.lock) {
                seen = watch.version;
                return watch.value;
            }
        }
    }

    /** A wait for a newer version: registered in {@code waiting} while pending, removed on wake or cancel. */
    private final class Changed implements Future<T>, UnboxedPoll, Cancellable, Waker {
        private final Watcher<T> watcher;
        private Waker waker;       // guarded by lock
        private boolean registered; // guarded by lock

        Changed(Watcher<T> watcher) {
            this.watcher = watcher;
        }

        @Override
        public Poll<T> poll(Context cx) {
            return UnboxedPoll.boxed(pollUnboxed(cx));
        }

        @Override
        public Object pollUnboxed(Context cx) {
            synchronized (lock) {
                if (version != watcher.seen) {
                    watcher.seen = version;
                    unregister();
                    return value;
                }
                if (closed) {
                    unregister();
                    throw new ChannelClosedException("watch closed");
                }
                waker = cx.waker();
                if (!registered) {
                    registered = true;
                    waiting.add(this);
                }
                return Coroutine.SUSPENDED;
            }
        }

        private void unregister() {
            if (registered) {
                registered = false;
                waiting.remove(this);
            }
            waker = null;
        }

        /** Called outside the lock by set/close, with this already taken off the waiting list. */
        @Override
        public void wake() {
            Waker w;
            synchronized (lock) {
                w = waker;
            }
            if (w != null) {
                w.wake();
            }
        }

        @Override
        public void cancel() {
            synchronized (lock) {
                unregister();
            }
        }
    }
}
