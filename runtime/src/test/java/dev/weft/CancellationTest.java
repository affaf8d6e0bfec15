package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.sync.Channel;
import dev.weft.woven.Await;
import dev.weft.woven.Coroutine;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** JoinHandle.cancel() reaches the future the task is suspended on, through woven frames. */
class CancellationTest {

    /** What the weaver makes of {@code String m() { return ready(await(ch.receive())); }}, by hand. */
    static final class ReceiveFrame extends Coroutine<String> {
        private final Channel<String> ch;
        private int state;
        private Object awaiting;

        ReceiveFrame(Channel<String> ch) {
            this.ch = ch;
        }

        @Override
        protected Object resume(Context cx) {
            if (state == 0) {
                awaiting = ch.receive();
                state = 1;
            }
            return Await.poll(awaiting, cx, this);
        }
    }

    /** A frame awaiting another frame, to show cancellation goes all the way down. */
    static final class OuterFrame extends Coroutine<String> {
        private final Coroutine<String> inner;
        private int state;
        private Object awaiting;

        OuterFrame(Coroutine<String> inner) {
            this.inner = inner;
        }

        @Override
        protected Object resume(Context cx) {
            if (state == 0) {
                awaiting = inner;
                state = 1;
            }
            return Await.poll(awaiting, cx, this);
        }
    }

    @Test
    void cancellingAFrameCancelsWhatItAwaitsAndMarksItDone() {
        Probe<String> probe = new Probe<>();
        Coroutine<String> frame = new Coroutine<>() {
            @Override
            protected Object resume(Context cx) {
                return Await.poll(probe, cx, this);
            }
        };
        assertTrue(frame.poll(new Steps.CountingWaker().context()).isPending());
        frame.cancel();
        frame.cancel();
        assertEquals(1, probe.cancels.get());
        assertThrows(IllegalStateException.class, () -> frame.poll(new Steps.CountingWaker().context()));
    }

    @Test
    void aCancelledTaskLeavesTheChannelQueueItWasWaitingIn() {
        Channel<String> ch = Channel.unbounded();
        try (Executor ex = Executor.singleThreaded()) {
            JoinHandle<String> h = ex.spawn(new OuterFrame(new ReceiveFrame(ch)));
            ex.blockOn(Async.ready(null)); // the single thread ran the task's first poll before this
            assertFalse(h.isDone());
            assertTrue(h.cancel());
            assertThrows(CancellationException.class, h::join);
            assertTrue(ch.trySend("kept"));
            assertEquals(1, ch.size(), "the element was not handed to the cancelled task's receive");
        }
    }
}
