package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Which frame field holds which local in each state. State 0 holds the receiver and parameters;
 * state k holds the values live at await site k. Fields are typed ({@code I J F D} and
 * {@code Object}) and numbered per type from 0 in every state, so fields are reused across await
 * points and the frame is only as large as the largest live set.
 */
final class FrameLayout {
    /** The field types a frame has; narrower ints (boolean, char, ...) travel as {@code I}. */
    enum Kind {
        INT("I", "i", Opcodes.ILOAD), LONG("J", "j", Opcodes.LLOAD), FLOAT("F", "f", Opcodes.FLOAD),
        DOUBLE("D", "d", Opcodes.DLOAD), REF("Ljava/lang/Object;", "a", Opcodes.ALOAD);

        final String desc;
        final String prefix;
        final int loadOpcode;

        Kind(String desc, String prefix, int loadOpcode) {
            this.desc = desc;
            this.prefix = prefix;
            this.loadOpcode = loadOpcode;
        }

        int storeOpcode() {
            return loadOpcode + (Opcodes.ISTORE - Opcodes.ILOAD);
        }

        String field(int index) {
            return prefix + index;
        }
    }

    /**
     * One saved local: its index in the original method, its kind, its exact type (for the cast
     * on restore), and its field number, or -1 for a local that is always null there.
     */
    record Slot(int local, Kind kind, Type type, int field) {
        String fieldName() {
            return kind.field(field);
        }
    }

    private final List<List<Slot>> states;
    private final Map<Kind, Integer> fieldCounts;

    private FrameLayout(List<List<Slot>> states, Map<Kind, Integer> fieldCounts) {
        this.states = states;
        this.fieldCounts = fieldCounts;
    }

    /**
     * @param entry the receiver (if any) and parameter types, in local-variable order
     * @param awaitFrames the analyzed frame at each await site, in state order (site 1 first)
     * @param live the locals live at each await site
     */
    static FrameLayout of(List<Type> entry, List<Frame<BasicValue>> awaitFrames, List<BitSet> live) {
        List<List<Slot>> states = new ArrayList<>();
        states.add(entrySlots(entry));
        for (int k = 0; k < awaitFrames.size(); k++) {
            states.add(liveSlots(awaitFrames.get(k), live.get(k)));
        }
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (List<Slot> state : states) {
            for (Slot s : state) {
                counts.merge(s.kind(), s.field() + 1, Math::max);
            }
        }
        return new FrameLayout(states, counts);
    }

    private static List<Slot> entrySlots(List<Type> entry) {
        List<Slot> slots = new ArrayList<>();
        Map<Kind, Integer> next = new EnumMap<>(Kind.class);
        int local = 0;
        for (Type t : entry) {
            Kind kind = kindOf(t);
            slots.add(new Slot(local, kind, t, next.merge(kind, 1, Integer::sum) - 1));
            local += t.getSize();
        }
        return slots;
    }

    private static List<Slot> liveSlots(Frame<BasicValue> frame, BitSet live) {
        List<Slot> slots = new ArrayList<>();
        Map<Kind, Integer> next = new EnumMap<>(Kind.class);
        for (int local = live.nextSetBit(0); local >= 0; local = live.nextSetBit(local + 1)) {
            if (local >= frame.getLocals()) {
                continue;
            }
            Type t = frame.getLocal(local).getType();
            if (t == null) {
                continue; // unset or of conflicting types on different paths: not readable after the await
            }
            Kind kind = kindOf(t);
            boolean alwaysNull = t.equals(TypedInterpreter.NULL);
            int field = alwaysNull ? -1 : next.merge(kind, 1, Integer::sum) - 1;
            slots.add(new Slot(local, kind, t, field));
        }
        return slots;
    }

    static Kind kindOf(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN: case Type.CHAR: case Type.BYTE: case Type.SHORT: case Type.INT:
                return Kind.INT;
            case Type.LONG:
                return Kind.LONG;
            case Type.FLOAT:
                return Kind.FLOAT;
            case Type.DOUBLE:
                return Kind.DOUBLE;
            default:
                return Kind.REF;
        }
    }

    /** The number of states: 0 (not started) plus one per await site. */
    int stateCount() {
        return states.size();
    }

    List<Slot> slots(int state) {
        return states.get(state);
    }

    int fieldCount(Kind kind) {
        return fieldCounts.getOrDefault(kind, 0);
    }

    /** How many reference fields state {@code state} fills; the rest are nulled when it suspends. */
    int referenceFieldsUsed(int state) {
        int used = 0;
        for (Slot s : states.get(state)) {
            if (s.kind() == Kind.REF && s.field() >= 0) {
                used = Math.max(used, s.field() + 1);
            }
        }
        return used;
    }

    /** Field names with their descriptors, e.g. {@code a0:Object}, for logs and the demo. */
    List<String> describeFields() {
        List<String> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (int i = 0; i < fieldCount(k); i++) {
                out.add(k.field(i) + ":" + Type.getType(k.desc).getClassName());
            }
        }
        return out;
    }
}
