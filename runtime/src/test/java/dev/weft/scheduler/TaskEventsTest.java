package dev.weft.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Executor;
import dev.weft.HandFrame;
import dev.weft.JoinHandle;
import dev.weft.Poll;
import dev.weft.Probe;
import dev.weft.TaskDump;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler's JFR events, recorded for real and read back from the file. */
class TaskEventsTest {

    @Test
    void recordsSpawnsCompletionsAndSlowPollsWithTheTasksNameAndStack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("weft.jfr");
        try (Recording recording = new Recording(); Executor ex = Executor.singleThreaded()) {
            recording.enable("dev.weft.TaskSpawned");
            recording.enable("dev.weft.TaskCompleted");
            recording.enable("dev.weft.SlowPoll").withThreshold(Duration.ofMillis(20));
            recording.start();

            ex.spawn("quick", cx -> Poll.ready("fast")).join();
            Probe<String> gate = new Probe<>();
            JoinHandle<String> slow = ex.spawn("slow", new HandFrame<>("app.Batch", "crunch", 77, cx -> {
                busyFor(Duration.ofMillis(60)); // well past the threshold, then suspend in the frame
                return gate.poll(cx);
            }));
            while (!slow.toString().contains("suspended")) {
                Thread.onSpinWait();
            }
            JoinHandle<String> cancelled = ex.spawn("cancelled", new Probe<>());
            cancelled.cancel();
            try {
                cancelled.join();
            } catch (CancellationException expected) {
                // its outcome is what the event records
            }
            awaitReleased("cancelled");
            recording.stop();
            recording.dump(file);
            gate.complete("done");
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);

        assertEquals(List.of("quick", "slow", "cancelled"), names(events, "dev.weft.TaskSpawned"));
        List<RecordedEvent> completed = ofType(events, "dev.weft.TaskCompleted");
        assertEquals(List.of("quick:value", "cancelled:cancelled"), completed.stream()
                .map(e -> e.getString("taskName") + ":" + e.getString("outcome")).toList());
        List<RecordedEvent> slowPolls = ofType(events, "dev.weft.SlowPoll");
        assertEquals(List.of("slow"), names(events, "dev.weft.SlowPoll"), "only the slow poll passed the threshold");
        RecordedEvent slowPoll = slowPolls.get(0);
        assertTrue(slowPoll.getDuration().toMillis() >= 60, slowPoll.toString());
        assertEquals("app.Batch.crunch(Batch.java:77)", slowPoll.getString("logicalStack"));
        assertTrue(slowPoll.getLong("taskId") > 0);
        assertTrue(ofType(events, "dev.weft.TaskSpawned").stream().allMatch(e -> e.getString("executor").startsWith("weft-single-")));
    }

    /**
     * A join returns once the outcome is published, and the executor records the completion just
     * after that, before it drops the task from its registry: so the event is committed once the
     * task is gone from the dump, and only then may the recording stop.
     */
    private static void awaitReleased(String name) {
        while (TaskDump.capture().tasks().stream().anyMatch(e -> name.equals(e.name()))) {
            Thread.onSpinWait();
        }
    }

    private static void busyFor(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static List<RecordedEvent> ofType(List<RecordedEvent> events, String type) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type))
                .sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime())).toList();
    }

    private static List<String> names(List<RecordedEvent> events, String type) {
        return ofType(events, type).stream().map(e -> e.getString("taskName")).toList();
    }
}
