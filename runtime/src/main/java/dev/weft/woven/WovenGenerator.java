package dev.weft.woven;

import dev.weft.Generator;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A woven generator method's result. It keeps the frame the call created, never started, and
 * each iteration steps a copy of it, so every pass runs the body from the start.
 */
final class WovenGenerator<T> extends Generator<T> {
    private final Coroutine<?> unstarted;

    WovenGenerator(Coroutine<?> unstarted) {
        this.unstarted = unstarted;
    }

    @Override
    public Generator.Cursor<T> iterator() {
        return new Cursor<>(unstarted.copyUnstarted());
    }

    /**
     * One pass: the body is stepped when {@code hasNext()} needs an element.
     *
     * <pre>
     * state       hasNext()                          next()
     * ---------   --------------------------------   ------------------------------------
     * running     steps the body once: an emit       steps (as hasNext), then hands the
     *             leaves an element in the slot;     element over
     *             a return ends or delegates
     * delegating  asks the returned generator        its next()
     * ended       false                              NoSuchElementException
     * </pre>
     *
     * A step that throws ends the pass (the frame is forgotten before it runs).
     */
    private static final class Cursor<T> extends EmitContext implements Generator.Cursor<T> {
        private Coroutine<?> frame;
        private Iterator<T> delegate;

        Cursor(Coroutine<?> frame) {
            this.frame = frame;
        }

        @Override
        public boolean hasNext() {
            if (holding()) {
                return true;
            }
            if (frame != null) {
                return step();
            }
            return delegate != null && delegate.hasNext();
        }

        @SuppressWarnings("unchecked")
        private boolean step() {
            Coroutine<?> f = frame;
            frame = null;
            Object r = f.step(this);
            if (r == Coroutine.SUSPENDED) {
                frame = f;
                if (!holding()) {
                    throw new IllegalStateException("a generator body suspended without emitting");
                }
                return true;
            }
            if (r instanceof Generator<?> rest) {
                delegate = ((Generator<T>) rest).iterator();
                return delegate.hasNext();
            }
            return false;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the generator has ended");
            }
            return holding() ? (T) take() : delegate.next();
        }

        @Override
        public void close() {
            Coroutine<?> f = frame;
            frame = null;
            take();
            if (f != null) {
                f.cancel();
            }
            if (delegate instanceof Generator.Cursor<?> c) {
                c.close();
            }
            delegate = null;
        }

        /** A generator body cannot await, so nothing wakes it. */
        @Override
        public void wake() {}
    }
}
