package dev.weft.woven;

import dev.weft.AsyncStream;
import dev.weft.Cancellable;
import dev.weft.Context;
import dev.weft.FallibleFuture;
import dev.weft.Future;
import dev.weft.Item;
import dev.weft.Poll;
import dev.weft.Waker;

/**
 * A woven stream method's result, and the future its {@code next()} returns (one consumer asks for
 * one element at a time, so one object serves every call).
 *
 * <pre>
 * state       poll                                           cancel / close
 * ---------   --------------------------------------------   ----------------------------------
 * running     steps the body with the relay: an emit is      the body unwinds where it waits
 *             Ready(element), an await Pending; a return     (finally blocks run); ended
 *             ends (Ready(end)) or delegates
 * delegating  polls the returned stream's next()             closes the returned stream; ended
 * ended       Ready(end)                                     nothing
 * </pre>
 *
 * A step that throws ends the stream; the failure goes to the consumer unchanged.
 */
final class WovenStream<T> extends AsyncStream<T> implements FallibleFuture<Item<T>, Exception>, Cancellable {
    private final Relay relay = new Relay();
    private Coroutine<?> frame;
    private AsyncStream<T> delegate;
    private Future<Item<T>> delegated; // the returned stream's pending next()

    WovenStream(Coroutine<?> frame) {
        this.frame = frame;
    }

    @Override
    public Future<Item<T>> next() {
        return this;
    }

    @Override
    public Poll<Item<T>> poll(Context cx) {
        if (frame != null) {
            Poll<Item<T>> p = step(cx);
            if (p != null) {
                return p;
            }
        }
        if (delegate == null) {
            return end();
        }
        if (delegated == null) {
            delegated = delegate.next();
        }
        Poll<Item<T>> p = delegated.poll(cx);
        if (p.isReady()) {
            delegated = null;
        }
        return p;
    }

    /** Steps the body; null when it returned another stream, which now answers instead. */
    @SuppressWarnings("unchecked")
    private Poll<Item<T>> step(Context cx) {
        Coroutine<?> f = frame;
        frame = null;
        relay.consumer = cx.waker();
        Object r = f.step(relay);
        if (r == Coroutine.SUSPENDED) {
            frame = f;
            return relay.holding() ? Poll.ready(Item.of((T) relay.take())) : Poll.pending();
        }
        if (r instanceof AsyncStream<?> rest) {
            delegate = (AsyncStream<T>) rest;
            return null;
        }
        return end();
    }

    @Override
    public void cancel() {
        close();
    }

    @Override
    public void close() {
        Coroutine<?> f = frame;
        frame = null;
        relay.take();
        if (f != null) {
            f.cancel();
        }
        if (delegated != null) {
            Cancellable.cancel(delegated);
            delegated = null;
        }
        if (delegate != null) {
            delegate.close();
            delegate = null;
        }
    }

    /**
     * The body's context: the emit slot, and the consumer's waker for the futures the body awaits
     * (handed out directly, so a wake costs no extra call).
     */
    private static final class Relay extends EmitContext {
        Waker consumer;

        @Override
        public Waker waker() {
            return consumer;
        }

        @Override
        public void wake() {
            consumer.wake();
        }
    }
}
