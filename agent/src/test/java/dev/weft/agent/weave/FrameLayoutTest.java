package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/** The frame layout alone, on await sites built by hand: its one list of fields and what each state clears. */
class FrameLayoutTest {
    private static final Type FUTURE = Type.getObjectType(AwaitCalls.FUTURE);
    private static final Type STRING = Type.getType(String.class);
    private static final Type HIDDEN = Type.getObjectType("other/Hidden");

    @Test
    void statesShareTypedFieldsAndClearTheReferencesTheyDoNotFill() {
        FrameLayout layout = FrameLayout.of(List.of(FUTURE, Type.INT_TYPE),
                List.of(site(new Type[] {STRING, Type.INT_TYPE}, 0, 1), site(new Type[] {STRING, Type.INT_TYPE}, 1)),
                t -> true);
        assertEquals(List.of(new FrameLayout.Field("i0", "I"), new FrameLayout.Field("a0", "Ljava/lang/Object;")),
                layout.fields());
        assertEquals(List.of(), layout.fieldsToClear(1));
        assertEquals(List.of(new FrameLayout.Field("a0", "Ljava/lang/Object;")), layout.fieldsToClear(2),
                "the String saved by state 1 must not stay reachable from a frame suspended in state 2");
    }

    @Test
    void aTypeTheHostCannotNameGetsAnExactFieldClearedWhereUnused() {
        FrameLayout layout = FrameLayout.of(List.of(FUTURE),
                List.of(site(new Type[] {HIDDEN, Type.LONG_TYPE}, 0, 1), site(new Type[] {STRING}, 0)),
                t -> !t.equals(HIDDEN));
        assertEquals(List.of(new FrameLayout.Field("j0", "J"), new FrameLayout.Field("a0", "Ljava/lang/Object;"),
                new FrameLayout.Field("x0", "Lother/Hidden;")), layout.fields());
        assertEquals(List.of(new FrameLayout.Field("a0", "Ljava/lang/Object;")), layout.fieldsToClear(1));
        assertEquals(List.of(new FrameLayout.Field("x0", "Lother/Hidden;")), layout.fieldsToClear(2));
        assertEquals(List.of("j0:long", "a0:java.lang.Object", "x0:other.Hidden"), layout.describeFields());
    }

    @Test
    void aLocalThatIsAlwaysNullTakesNoField() {
        FrameLayout layout = FrameLayout.of(List.of(), List.of(site(new Type[] {TypedInterpreter.NULL}, 0)), t -> true);
        assertEquals(List.of(), layout.fields());
        assertEquals(-1, layout.slots(1).get(0).field());
    }

    /** A site whose locals have {@code types} (a long takes two), of which {@code live} are live. */
    private static AwaitSite site(Type[] types, int... live) {
        int words = 0;
        for (Type t : types) {
            words += t.getSize();
        }
        Frame<BasicValue> frame = new Frame<>(words, 1);
        BitSet liveSet = new BitSet();
        int local = 0;
        for (int i = 0; i < types.length; i++) {
            frame.setLocal(local, new BasicValue(types[i]));
            if (types[i].getSize() == 2) {
                frame.setLocal(local + 1, BasicValue.UNINITIALIZED_VALUE);
            }
            for (int l : live) {
                if (l == i) {
                    liveSet.set(local);
                }
            }
            local += types[i].getSize();
        }
        frame.push(new BasicValue(FUTURE));
        return new AwaitSite(new InsnNode(0), frame, liveSet);
    }
}
