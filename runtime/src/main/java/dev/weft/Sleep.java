package dev.weft;

/**
 * The future behind {@link Timer#sleep}: on its first poll it registers a deadline with the timer
 * thread; it is ready once that deadline fired.
 */
final class Sleep implements Future<Void> {
    private final long nanos;
    private TimerThread.Entry entry;

    Sleep(long nanos) {
        this.nanos = nanos;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (entry == null) {
            if (nanos <= 0) {
                return Poll.ready(null);
            }
            entry = TimerThread.get().schedule(System.nanoTime() + nanos, cx.waker());
            return Poll.pending();
        }
        if (entry.fired()) {
            return Poll.ready(null);
        }
        entry.waker(cx.waker());
        return entry.fired() ? Poll.ready(null) : Poll.pending();
    }
}
