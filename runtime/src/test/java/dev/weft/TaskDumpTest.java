package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.sync.AsyncMutex;
import dev.weft.sync.Channel;
import dev.weft.sync.OneShot;
import dev.weft.sync.Semaphore;
import dev.weft.time.Timer;
import dev.weft.woven.EagerCoroutine;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A dump of 10,000 tasks in mixed states: each live one listed once, with its state, its stack
 * (hand-written frames that answer what the weaver's line table will) and what it waits on.
 */
class TaskDumpTest {
    private static final String PREFIX = "dump-test/";
    private static final int TIMERS = 3000;
    private static final int RECEIVERS = 1500;
    private static final int SENDERS = 1500;
    private static final int MUTEX_WAITERS = 1000;
    private static final int SEMAPHORE_WAITERS = 1000;
    private static final int JOINERS = 995;
    private static final int FINISHED = 1000;
    // plus the mutex holder, a socket read, an accept, a running task and an eager coroutine: 10,000

    @Test
    void listsTenThousandTasksInMixedStatesWithWhatEachWaitsOn() throws Exception {
        CountDownLatch inPoll = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(FINISHED);
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (Executor ex = Executor.workStealing(2);
                Executor busy = Executor.singleThreaded();
                TcpListener quiet = TcpListener.bind(loopback);
                TcpListener server = TcpListener.bind(loopback)) {
            try {
                spawnAndCheck(ex, busy, quiet, server, inPoll, release, finished);
            } finally {
                release.countDown(); // the busy executor's close waits for its running poll
            }
        }
        assertTrue(ours(TaskDump.capture()).isEmpty(), "closing the executors cancelled every task");
    }

    private void spawnAndCheck(Executor ex, Executor busy, TcpListener quiet, TcpListener server, CountDownLatch inPoll,
            CountDownLatch release, CountDownLatch finished) throws Exception {
        Map<String, Predicate<TaskDump.Entry>> expected = new HashMap<>();
        List<JoinHandle<?>> handles = new ArrayList<>();
        Channel<String> empty = Channel.bounded(4);
        Channel<String> full = Channel.bounded(1);
        full.send("filler").poll(Context.of(() -> {}));
        AsyncMutex mutex = new AsyncMutex();
        Semaphore noPermits = new Semaphore(0);
        {
            TcpStream client = Async.blockOn(TcpStream.connect(server.localAddress()));
            TcpStream accepted = Async.blockOn(server.accept());

            List<HandFrame<?>> timerFrames = new ArrayList<>();
            for (int i = 0; i < TIMERS; i++) {
                HandFrame<Void> inner = new HandFrame<>("app.Clock", "tick", 20 + i % 7, Timer.sleep(Duration.ofHours(1)));
                HandFrame<Void> outer = new HandFrame<>("app.Clock", "run", 10, inner);
                timerFrames.add(inner);
                handles.add(spawn(ex, expected, "timer-" + i, outer, e -> e.waitsOn().startsWith("timer: sleep 3600000 ms, deadline in ")
                        && e.stack().equals(List.of(inner.at(), outer.at()))));
            }
            for (int i = 0; i < RECEIVERS; i++) {
                spawn(ex, expected, "receiver-" + i, frame(empty.receive()),
                        e -> e.waitsOn().startsWith("channel, waiting to receive: 0 of 4 elements, 0 senders and "));
            }
            for (int i = 0; i < SENDERS; i++) {
                spawn(ex, expected, "sender-" + i, frame(full.send("x" + i)),
                        e -> e.waitsOn().startsWith("channel, waiting to send: 1 of 1 elements, "));
            }
            OneShot<Void> never = new OneShot<>();
            JoinHandle<Void> holder = ex.spawn(PREFIX + "mutex-holder", holdWhile(mutex, never));
            expected.put(PREFIX + "mutex-holder", e -> e.waitsOn().startsWith("holding the mutex, waiting for OneShot"));
            awaitDump(d -> entry(d, PREFIX + "mutex-holder") != null && "suspended".equals(entry(d, PREFIX + "mutex-holder").state()));
            Pattern heldByHolder = Pattern.compile("mutex, held by task \\d+ \\(" + PREFIX + "mutex-holder\\), \\d+ waiting");
            for (int i = 0; i < MUTEX_WAITERS; i++) {
                spawn(ex, expected, "mutex-waiter-" + i, frame(mutex.lock()), e -> heldByHolder.matcher(e.waitsOn()).matches());
            }
            for (int i = 0; i < SEMAPHORE_WAITERS; i++) {
                spawn(ex, expected, "semaphore-waiter-" + i, frame(noPermits.acquire()),
                        e -> e.waitsOn().startsWith("semaphore, 0 permits free, waiting for 1, "));
            }
            for (int i = 0; i < JOINERS; i++) {
                String target = PREFIX + "timer-" + i;
                Pattern joinsTimer = Pattern.compile("task \\d+ \\(" + Pattern.quote(target) + "\\)");
                spawn(ex, expected, "joiner-" + i, frame(handles.get(i)), e -> joinsTimer.matcher(e.waitsOn()).matches());
            }
            spawn(ex, expected, "reader", frame(accepted.read(ByteBuffer.allocate(8))),
                    e -> e.waitsOn().startsWith("socket, waiting to read(TcpStream["));
            spawn(ex, expected, "acceptor", frame(quiet.accept()),
                    e -> e.waitsOn().startsWith("socket, waiting to accept(TcpListener["));
            JoinHandle<Void> running = busy.spawn(PREFIX + "running", cx -> {
                inPoll.countDown();
                awaitQuietly(release);
                return Poll.ready(null);
            });
            expected.put(PREFIX + "running", e -> e.state().equals("running") && e.waitsOn() == null);
            for (int i = 0; i < FINISHED; i++) {
                ex.spawn(PREFIX + "finished-" + i, cx -> {
                    finished.countDown();
                    return Poll.ready(null);
                });
            }
            HandFrame<String> eagerBody = new HandFrame<>("app.Web", "handle", 7, Channel.<String>bounded(1).receive());
            EagerCoroutine.start(eagerBody);
            inPoll.await();
            finished.await();

            TaskDump dump = awaitDump(d -> ours(d).size() == expected.size() && ours(d).stream()
                    .allMatch(e -> e.state().equals(e.name().equals(PREFIX + "running") ? "running" : "suspended"))
                    && d.tasks().stream().anyMatch(e -> e.stack().equals(List.of(eagerBody.at())) && e.state().equals("suspended")));

            List<TaskDump.Entry> listed = ours(dump);
            assertEquals(expected.size(), listed.stream().map(TaskDump.Entry::name).distinct().count(), "one entry per task");
            for (TaskDump.Entry e : listed) {
                Predicate<TaskDump.Entry> check = expected.get(e.name());
                if (check == null) {
                    fail("listed a task that finished, or was never spawned: " + e);
                }
                assertTrue(check.test(e), e.toString());
                assertTrue(e.executor().startsWith("weft-"), e.executor());
            }
            assertEquals(TIMERS + RECEIVERS + SENDERS + 1 + MUTEX_WAITERS + SEMAPHORE_WAITERS + JOINERS + 3 + FINISHED + 1,
                    10_000);
            TaskDump.Entry eager = dump.tasks().stream()
                    .filter(e -> e.stack().equals(List.of(eagerBody.at())) && e.state().equals("suspended")).findFirst().orElseThrow();
            assertTrue(eager.waitsOn().startsWith("channel, waiting to receive"), eager.toString());

            String text = dump.toString();
            assertTrue(text.startsWith("Weft task dump at "), text.substring(0, 80));
            assertTrue(text.contains("on " + entry(dump, PREFIX + "timer-0").executor() + ": suspended\n"
                    + "    at app.Clock.tick(Clock.java:20)\n    at app.Clock.run(Clock.java:10)\n    waits on: timer: sleep"), "text form");
            String json = dump.toJson();
            assertTrue(json.contains("\"name\":\"" + PREFIX + "timer-0\",\"executor\":\"" + entry(dump, PREFIX + "timer-0").executor()
                    + "\",\"state\":\"suspended\",\"stack\":[{\"class\":\"app.Clock\",\"method\":\"tick\",\"file\":\"Clock.java\","
                    + "\"line\":20},{\"class\":\"app.Clock\",\"method\":\"run\",\"file\":\"Clock.java\",\"line\":10}],"
                    + "\"waitsOn\":\"timer: sleep 3600000 ms, deadline in "), "json form");

            release.countDown();
            running.join();
            eagerBody.cancel();
            client.close();
            accepted.close();
        }
    }

    @Test
    void jsonEscapesWhatANameMayHold() {
        try (Executor ex = Executor.singleThreaded()) {
            Channel<String> ch = Channel.bounded(1);
            ex.spawn(PREFIX + "quote\" back\\ new\nline\ttab\u0001", frame(ch.receive()));
            TaskDump dump = awaitDump(d -> ours(d).size() == 1 && ours(d).get(0).state().equals("suspended"));
            assertTrue(dump.toJson().contains("\"name\":\"" + PREFIX + "quote\\\" back\\\\ new\\nline\\ttab\\u0001\""), dump.toJson());
        }
    }

    @Test
    void aTaskWithNoNameAndNoFramesStillSaysWhatItWaitsOn() {
        try (Executor ex = Executor.singleThreaded()) {
            Channel<String> ch = Channel.bounded(2);
            JoinHandle<String> h = ex.spawn(ch.receive());
            TaskDump dump = awaitDump(d -> d.tasks().stream().anyMatch(e -> e.name() == null
                    && "suspended".equals(e.state()) && e.waitsOn().startsWith("channel, waiting to receive: 0 of 2")));
            TaskDump.Entry e = dump.tasks().stream().filter(t -> t.name() == null && t.waitsOn().contains("0 of 2")).findFirst().orElseThrow();
            assertEquals(List.of(), e.stack());
            assertNull(e.name());
            assertFalse(h.isDone());
        }
    }

    private static <T> JoinHandle<T> spawn(Executor ex, Map<String, Predicate<TaskDump.Entry>> expected, String name,
            Future<T> future, Predicate<TaskDump.Entry> check) {
        expected.put(PREFIX + name, e -> e.state().equals("suspended") && e.waitsOn() != null && check.test(e));
        return ex.spawn(PREFIX + name, future);
    }

    /** One hand-written frame around {@code f}, as a woven {@code return ready(await(f));} would be. */
    static <T> HandFrame<T> frame(Future<T> f) {
        return new HandFrame<>("app.Worker", "step", 1, f);
    }

    /** Locks, then waits on {@code until} holding the lock, the way a woven coroutine would. */
    private static Future<Void> holdWhile(AsyncMutex mutex, Future<Void> until) {
        final class Holding implements Future<Void>, Described {
            private boolean locked;

            @Override
            public Poll<Void> poll(Context cx) {
                if (!locked) {
                    if (!mutex.lock().poll(cx).isReady()) {
                        throw new AssertionError("the mutex should be free");
                    }
                    locked = true;
                }
                return until.poll(cx);
            }

            @Override
            public String describe() {
                return "holding the mutex, waiting for " + Described.of(until);
            }
        }
        return new Holding();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<TaskDump.Entry> ours(TaskDump d) {
        return d.tasks().stream().filter(e -> e.name() != null && e.name().startsWith(PREFIX)).toList();
    }

    static TaskDump.Entry entry(TaskDump d, String name) {
        return d.tasks().stream().filter(e -> name.equals(e.name())).findFirst().orElse(null);
    }

    /** Captures until {@code done} holds: tasks reach their states on worker threads, in their own time. */
    static TaskDump awaitDump(Predicate<TaskDump> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (;;) {
            TaskDump d = TaskDump.capture();
            if (done.test(d)) {
                return d;
            }
            if (System.nanoTime() > deadline) {
                String text = d.toString();
                fail("the dump never reached the expected states; last:\n" + text.substring(0, Math.min(text.length(), 20_000)));
            }
            Thread.yield();
        }
    }
}
