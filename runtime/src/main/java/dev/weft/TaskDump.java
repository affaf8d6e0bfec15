package dev.weft;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Every live task in this JVM (spawned on any executor, not yet completed or cancelled), where
 * each stands and what it waits on. A task that finished is not listed, even if nobody joined it:
 * its handle holds the outcome.
 *
 * <pre>{@code
 * System.err.println(TaskDump.capture());
 *
 * // Weft task dump at 2026-12-02T01:10:42.103Z: 2 live tasks
 * //
 * // task 1 (fetch-user 7) on weft-default-1: suspended
 * //     at com.example.Users.fetch(Users.java:42)
 * //     at com.example.Users.fetchAll(Users.java:30)
 * //     waits on: socket, waiting to read(TcpStream[/127.0.0.1:50412 -> /127.0.0.1:8080])
 * }</pre>
 *
 * <p><b>How consistent.</b> Nothing stops: each executor's registry is copied shard by shard,
 * then each task's fields are read without synchronizing with its poller. A task may be seen in
 * the middle of a poll (state {@code running}, with a stack that stops at the coroutine being
 * resumed), may have completed since it was listed, and two tasks are not read at the same
 * instant. A suspended task, the case that matters when something hangs, does not change until
 * it is woken, so its entry is exact. The same dump is the JMX operation {@code dump} (and
 * {@code dumpJson}) of the MBean {@code dev.weft:type=Tasks}, registered when the first executor
 * starts.
 */
public final class TaskDump {
    private final Instant capturedAt;
    private final List<Entry> tasks;

    private TaskDump(Instant capturedAt, List<Entry> tasks) {
        this.capturedAt = capturedAt;
        this.tasks = tasks;
    }

    /** Takes a dump of every live task of every executor, ordered by task id. */
    public static TaskDump capture() {
        List<Entry> all = InstalledScheduler.PROVIDER.liveTasks().stream()
                .sorted(Comparator.comparingLong(Entry::id))
                .toList();
        return new TaskDump(Instant.now(), all);
    }

    /** When the capture started. */
    public Instant capturedAt() {
        return capturedAt;
    }

    /** The live tasks, ordered by id. */
    public List<Entry> tasks() {
        return tasks;
    }

    /** The dump as text: a heading, then one paragraph per task ({@link Entry#toString()}). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Weft task dump at ").append(capturedAt).append(": ")
                .append(tasks.size()).append(tasks.size() == 1 ? " live task\n" : " live tasks\n");
        for (Entry e : tasks) {
            b.append('\n').append(e);
        }
        return b.toString();
    }

    /**
     * The dump as one JSON object: {@code {"capturedAt": "...", "tasks": [{"id": 1, "name": "...",
     * "executor": "...", "state": "suspended", "stack": [{"class": "...", "method": "...",
     * "file": "...", "line": 42}], "waitsOn": "..."}]}}; a missing name or wait is {@code null}.
     */
    public String toJson() {
        JsonText json = new JsonText();
        json.open('{').key("capturedAt").string(capturedAt.toString()).key("tasks").open('[');
        for (Entry e : tasks) {
            e.writeJson(json);
        }
        return json.close(']').close('}').toString();
    }

    /**
     * One task: its id (given on first use, so ids follow the order tasks were first looked at), its
     * name or null, its executor, its state ({@code scheduled}, {@code running}, {@code suspended},
     * {@code cancelling}), the await of each suspended coroutine from the innermost out (empty when
     * the code was not woven with line tables, or the task is not suspended in a coroutine), and
     * what the innermost await waits on, as the leaf future describes it ({@link Described}), or
     * null when not known.
     */
    public record Entry(long id, String name, String executor, String state, List<StackTraceElement> stack,
            String waitsOn) {
        public Entry {
            Objects.requireNonNull(executor, "executor");
            Objects.requireNonNull(state, "state");
            stack = List.copyOf(stack);
        }

        /** {@code task 3 (name) on executor: state}, then one {@code at} line per frame and the wait. */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("task ").append(id);
            if (name != null) {
                b.append(" (").append(name).append(')');
            }
            b.append(" on ").append(executor).append(": ").append(state).append('\n');
            for (StackTraceElement frame : stack) {
                b.append("    at ").append(frame).append('\n');
            }
            if (waitsOn != null) {
                b.append("    waits on: ").append(waitsOn).append('\n');
            }
            return b.toString();
        }

        void writeJson(JsonText json) {
            json.open('{').key("id").number(id).key("name").string(name).key("executor").string(executor)
                    .key("state").string(state).key("stack").open('[');
            for (StackTraceElement f : stack) {
                json.open('{').key("class").string(f.getClassName()).key("method").string(f.getMethodName())
                        .key("file").string(f.getFileName()).key("line").number(f.getLineNumber()).close('}');
            }
            json.close(']').key("waitsOn").string(waitsOn).close('}');
        }
    }
}
