package dev.weft.demo;

import static dev.weft.Async.await;
import static dev.weft.Async.ready;

import dev.weft.Async;
import dev.weft.Executor;
import dev.weft.FallibleFuture;
import dev.weft.Future;
import dev.weft.JoinHandle;
import dev.weft.Scope;
import dev.weft.TaskDump;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.sync.AsyncMutex;
import dev.weft.sync.Channel;
import dev.weft.time.Timer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * When something hangs or fails: a few tasks stuck in the usual ways, the task dump that shows
 * where each stands and what it waits on, then a failure read through a handle and its async
 * stack trace. {@code java -jar weft-demo.jar debug} prints both; the README pastes them.
 */
final class DebugTour {
    private final AsyncMutex ledger = new AsyncMutex();
    private final Channel<String> audit = Channel.bounded(8);

    void run() throws IOException {
        System.out.println("Debugging: a task dump, then an async stack trace");
        try (Executor executor = Executor.workStealing(2);
                TcpListener server = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            TcpStream client = executor.blockOn(TcpStream.connect(server.localAddress()));
            TcpStream peer = executor.blockOn(server.accept());
            JoinHandle<Void> auditor = executor.spawn("auditor", holdLedgerUntilAudited());
            JoinHandle<String> checkout = executor.spawn("checkout 42", checkout(42));
            executor.spawn("session 7", readRequest(peer));
            executor.spawn("report", waitForAuditor(auditor));
            waitUntilSuspended("checkout 42", "auditor", "session 7", "report");
            System.out.println(TaskDump.capture());

            JoinHandle<String> failing = executor.spawn("checkout 43", checkoutThatFails(43));
            try {
                failing.join();
            } catch (IllegalStateException e) {
                e.printStackTrace(System.out);
            }
            checkout.cancel();
            client.close();
            peer.close();
        }
    }

    private Future<Void> holdLedgerUntilAudited() {
        await(ledger.lock());
        try {
            String entry = await(audit.receive());
            System.out.println("audited " + entry);
        } finally {
            ledger.unlock();
        }
        return ready(null);
    }

    private Future<String> checkout(int order) {
        String cart = await(Scope.run(scope -> {
            scope.spawn("load-cart " + order, loadCart(order));
            return postToLedger(order);
        }));
        return ready(cart);
    }

    private Future<String> loadCart(int order) {
        await(Timer.sleep(Duration.ofMinutes(5)));
        return ready("cart " + order);
    }

    private Future<String> postToLedger(int order) {
        await(ledger.lock());
        try {
            return ready("posted " + order);
        } finally {
            ledger.unlock();
        }
    }

    private FallibleFuture<Integer, IOException> readRequest(TcpStream stream) {
        return Async.fallible(() -> {
            Integer n = await(stream.read(ByteBuffer.allocate(512)));
            return ready(n);
        });
    }

    private Future<Void> waitForAuditor(JoinHandle<Void> auditor) {
        await(auditor);
        return ready(null);
    }

    private Future<String> checkoutThatFails(int order) {
        String receipt = await(pay(order));
        return ready("checked out with " + receipt);
    }

    private Future<String> pay(int order) {
        JoinHandle<String> card = Async.spawn("charge-card " + order, chargeCard(order));
        String receipt = await(card);
        return ready(receipt);
    }

    private Future<String> chargeCard(int order) {
        await(Timer.sleep(Duration.ofMillis(10)));
        throw new IllegalStateException("card declined for order " + order);
    }

    /** Takes dumps until the named tasks have all suspended (they start on worker threads). */
    private static void waitUntilSuspended(String... names) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            TaskDump dump = TaskDump.capture();
            if (Arrays.stream(names).allMatch(n -> dump.tasks().stream()
                    .anyMatch(t -> n.equals(t.name()) && t.state().equals("suspended")))) {
                return;
            }
            Thread.yield();
        }
    }
}
