package dev.weft.scheduler;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executors that have started and not closed, for task dumps and JMX. An executor joins when
 * it starts its threads and leaves when it closes; the first to join registers the JMX beans.
 */
final class LiveExecutors {
    private static final Set<ObservedExecutor> ALL = ConcurrentHashMap.newKeySet();

    private LiveExecutors() {}

    static void started(ObservedExecutor executor) {
        ALL.add(executor);
        ManagementBeans.executorStarted(executor);
    }

    static void closed(ObservedExecutor executor) {
        if (ALL.remove(executor)) {
            ManagementBeans.executorClosed(executor);
        }
    }

    static Iterable<ObservedExecutor> all() {
        return ALL;
    }
}
