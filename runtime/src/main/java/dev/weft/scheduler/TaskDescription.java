package dev.weft.scheduler;

/**
 * What a task's {@code toString()} says: {@code Task[fetch-user, suspended, awaiting ReadFuture]}.
 * The awaited future is named by its own {@code toString()} if it has one, else by its class.
 */
final class TaskDescription {
    private TaskDescription() {}

    static String of(String name, int state, Object awaiting) {
        StringBuilder b = new StringBuilder("Task[").append(name != null ? name : "unnamed").append(", ");
        b.append(stateName(state));
        if (state == Task.IDLE && awaiting != null) {
            b.append(", awaiting ").append(describe(awaiting));
        }
        return b.append(']').toString();
    }

    static String stateName(int state) {
        return switch (state) {
            case Task.IDLE -> "suspended";
            case Task.SCHEDULED -> "scheduled";
            case Task.RUNNING, Task.NOTIFIED -> "running";
            case Task.CANCEL_QUEUED, Task.CANCELLING -> "cancelling";
            case Task.COMPLETE -> "complete";
            case Task.CANCELLED -> "cancelled";
            default -> "state " + state;
        };
    }

    private static String describe(Object future) {
        String text = String.valueOf(future);
        String identity = future.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(future));
        if (text.equals(identity)) {
            String simple = future.getClass().getSimpleName();
            return simple.isEmpty() ? future.getClass().getName() : simple;
        }
        return text;
    }
}
