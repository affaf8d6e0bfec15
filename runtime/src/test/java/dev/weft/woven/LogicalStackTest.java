package dev.weft.woven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Described;
import dev.weft.HandFrame;
import dev.weft.TaskLocal;
import dev.weft.sync.Channel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walk from a root future to the innermost await, through frames that say where they stand. */
class LogicalStackTest {
    private static final Context NOOP = Context.of(() -> {});

    @Test
    void listsEachSuspendedFrameInnermostFirstAndEndsAtTheLeaf() {
        Channel<String> ch = Channel.bounded(1);
        HandFrame<String> inner = new HandFrame<>("app.Repo", "load", 40, ch.receive());
        HandFrame<String> middle = new HandFrame<>("app.Service", "fetch", 25, inner);
        HandFrame<String> outer = new HandFrame<>("app.Main", "run", 10, middle);
        outer.poll(NOOP);

        LogicalStack stack = LogicalStack.of(outer);

        assertEquals(List.of(inner.at(), middle.at(), outer.at()), stack.frames());
        assertEquals("channel, waiting to receive: 0 of 1 elements, 0 senders and 1 receivers waiting",
                Described.of(stack.leaf()));
    }

    @Test
    void looksThroughTaskLocalsAndFallibleBodies() {
        Channel<String> ch = Channel.bounded(1);
        TaskLocal<String> user = new TaskLocal<>("user");
        HandFrame<String> inner = new HandFrame<>("app.Repo", "load", 40, ch.receive());
        HandFrame<String> outer = new HandFrame<>("app.Main", "run", 10,
                user.with("ann", Async.fallible(() -> inner)));
        outer.poll(NOOP);

        assertEquals(List.of(inner.at(), outer.at()), LogicalStack.of(outer).frames());
    }

    @Test
    void aFrameBeingResumedEndsTheWalkWithNoLeaf() {
        HandFrame<String> outer = new HandFrame<>("app.Main", "run", 10, Async.ready("x"));
        outer.poll(NOOP);

        LogicalStack stack = LogicalStack.of(outer);

        assertEquals(List.of(), stack.frames());
        assertNull(stack.leaf());
    }

    @Test
    void aLeafRootIsItsOwnLeaf() {
        Channel<String> ch = Channel.bounded(1);
        Object receive = ch.receive();
        assertSame(receive, LogicalStack.of(receive).leaf());
    }
}
