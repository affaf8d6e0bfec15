package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.sync.AsyncMutex;
import dev.weft.sync.Channel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code Async.blockOn(future, timeout)}: a hang fails with a dump of what every task waits on. */
class StuckDetectionTest {

    @Test
    void aFutureThatNeverCompletesFailsWithADumpOfTheStuckTasks() {
        Channel<String> replies = Channel.bounded(1);
        AsyncMutex mutex = new AsyncMutex();
        mutex.tryLock(); // held by nobody who will ever unlock it
        try (Executor ex = Executor.workStealing(2)) {
            ex.spawn("stuck-on-mutex", TaskDumpTest.frame(mutex.lock()));
            ex.spawn("stuck-on-channel", TaskDumpTest.frame(Channel.<String>bounded(3).receive()));
            TaskDumpTest.awaitDump(d -> d.tasks().stream().filter(e -> e.name() != null && e.name().startsWith("stuck-on-"))
                    .filter(e -> e.state().equals("suspended")).count() == 2);
            HandFrame<String> waiting = new HandFrame<>("app.Client", "call", 33, replies.receive());

            StuckException e = assertThrows(StuckException.class, () -> Async.blockOn(waiting, Duration.ofMillis(200)));

            String message = e.getMessage();
            assertTrue(message.startsWith("Async.blockOn gave up after 200 ms: the future is still pending"), message);
            assertTrue(message.contains("task 0 (Async.blockOn on thread " + Thread.currentThread().getName()
                    + ") on the calling thread: blocked\n    at app.Client.call(Client.java:33)\n"
                    + "    waits on: channel, waiting to receive: 0 of 1 elements"), message);
            assertTrue(message.contains("(stuck-on-mutex) on weft-ws-"), message);
            assertTrue(message.contains("waits on: mutex, held by an unknown holder, 1 waiting"), message);
            assertTrue(message.contains("(stuck-on-channel) on weft-ws-"), message);
            assertTrue(message.contains("waits on: channel, waiting to receive: 0 of 3 elements"), message);
            assertTrue(e.dump().tasks().stream().anyMatch(t -> "stuck-on-mutex".equals(t.name())));
            assertTrue(replies.send("late").poll(Context.of(() -> {})).isReady());
            assertEquals(1, replies.size(), "the stuck future was cancelled, so its receive no longer takes elements");
        }
    }

    @Test
    void aFutureReadyInTimeGivesItsValue() {
        Channel<String> ch = Channel.bounded(1);
        Async.spawn(TaskDumpTest.frame(ch.send("pong")));
        assertEquals("pong", Async.blockOn(ch.receive(), Duration.ofSeconds(30)));
        assertEquals("now", Async.blockOn(Async.ready("now"), Duration.ZERO));
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Async.blockOn(Async.ready(1), Duration.ofMillis(-1)));
    }
}
