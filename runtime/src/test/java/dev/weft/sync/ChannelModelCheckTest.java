package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck's model checker explores the interleavings of the {@link ChannelRaces}, switching
 * threads at every shared-memory access of the channel's ring, word and waiter queues.
 *
 * <p>As in {@code TaskStateModelCheckTest}: Lincheck 3.7 is blind to races on JDK 25, so the class
 * first checks that it catches a plain lost update and skips itself where it does not;
 * {@link ChannelStressTest} repeats the same races on real threads there.
 */
class ChannelModelCheckTest {
    private static final int INVOCATIONS = 1_000;

    private static Boolean checkerWorks;

    private static void assumeCheckerWorks() {
        if (checkerWorks == null) {
            checkerWorks = findsALostUpdate();
        }
        Assumptions.assumeTrue(checkerWorks, "Lincheck's model checker does not find a plain lost update on Java "
                + Runtime.version() + "; ChannelStressTest covers these races here");
    }

    private static final class Counter {
        int value;
    }

    private static boolean findsALostUpdate() {
        try {
            Lincheck.runConcurrentTest(500, () -> {
                Counter c = new Counter();
                Thread a = new Thread(() -> c.value++);
                Thread b = new Thread(() -> c.value++);
                a.start();
                b.start();
                try {
                    a.join();
                    b.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                if (c.value != 2) {
                    throw new AssertionError("lost update");
                }
            });
            return false;
        } catch (Throwable expected) {
            return true;
        }
    }

    @Test
    void receiveMeetsASend() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS, ChannelRaces::receiveMeetsASend);
    }

    @Test
    void sendersMeetAReceiverOnAFullChannel() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS, ChannelRaces::sendersMeetAReceiverOnAFullChannel);
    }

    @Test
    void closeWhileSendingAndReceiving() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS, ChannelRaces::closeWhileSendingAndReceiving);
    }

    @Test
    void cancelledReceiveVsHandOff() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS, ChannelRaces::cancelledReceiveVsHandOff);
    }

    @Test
    void cancelledSendVsRoom() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS, ChannelRaces::cancelledSendVsRoom);
    }

    @Test
    void tryReceiveVsClose() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS, ChannelRaces::tryReceiveVsClose);
    }

    @Test
    void waitingReceiveVsSendAndClose() {
        assumeCheckerWorks();
        Lincheck.runConcurrentTest(INVOCATIONS, ChannelRaces::waitingReceiveVsSendAndClose);
    }
}
