package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
     * on restore), and its field number, or -1 for a local that is always null there. An
     * {@code exact} slot holds a reference whose class the host cannot name in a {@code checkcast}
     * (IllegalAccessError); it gets a field declared with that very type instead of
     * {@code Object}, so {@code getfield} yields the type with no cast (descriptors are not
     * access-checked). Exact fields are numbered apart ({@code x0, x1...}) and reused across
     * states by type.
     */
    record Slot(int local, Kind kind, Type type, int field, boolean exact) {
        String fieldName() {
            return exact ? EXACT_PREFIX + field : kind.field(field);
        }

        String fieldDesc() {
            return exact ? type.getDescriptor() : kind.desc;
        }

        /** Whether the value read from an {@code Object} field must be cast back to {@link #type}. */
        boolean needsCast() {
            return !exact && kind == Kind.REF && !type.getDescriptor().equals("Ljava/lang/Object;");
        }
    }

    /** A field of the frame class that holds saved locals. */
    record Field(String name, String desc) {
        boolean holdsReference() {
            return desc.charAt(0) == 'L' || desc.charAt(0) == '[';
        }
    }

    static final String EXACT_PREFIX = "x";

    private final List<List<Slot>> states;
    private final Map<Kind, Integer> fieldCounts;
    private final List<String> exactDescs;

    private FrameLayout(List<List<Slot>> states, Map<Kind, Integer> fieldCounts, List<String> exactDescs) {
        this.states = states;
        this.fieldCounts = fieldCounts;
        this.exactDescs = exactDescs;
    }

    /**
     * @param entry the receiver (if any) and parameter types, in local-variable order
     * @param sites the await sites, in state order (site 1 first)
     * @param nameable whether the host may name a reference type in a {@code checkcast}
     */
    static FrameLayout of(List<Type> entry, List<AwaitSite> sites, Predicate<Type> nameable) {
        Numbering numbering = new Numbering(nameable);
        List<List<Slot>> states = new ArrayList<>();
        states.add(entrySlots(entry, numbering));
        for (AwaitSite site : sites) {
            states.add(liveSlots(site.frame(), site.live(), numbering));
        }
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (List<Slot> state : states) {
            for (Slot s : state) {
                if (!s.exact()) {
                    counts.merge(s.kind(), s.field() + 1, Math::max);
                }
            }
        }
        return new FrameLayout(states, counts, numbering.exactDescs);
    }

    private static List<Slot> entrySlots(List<Type> entry, Numbering numbering) {
        List<Slot> slots = new ArrayList<>();
        numbering.startState();
        int local = 0;
        for (Type t : entry) {
            slots.add(numbering.slot(local, t));
            local += t.getSize();
        }
        return slots;
    }

    private static List<Slot> liveSlots(Frame<BasicValue> frame, BitSet live, Numbering numbering) {
        List<Slot> slots = new ArrayList<>();
        numbering.startState();
        for (int local = live.nextSetBit(0); local >= 0; local = live.nextSetBit(local + 1)) {
            if (local >= frame.getLocals()) {
                continue;
            }
            Type t = frame.getLocal(local).getType();
            if (t == null) {
                continue; // unset or of conflicting types on different paths: not readable after the await
            }
            if (t.equals(TypedInterpreter.NULL)) {
                slots.add(new Slot(local, Kind.REF, t, -1, false));
            } else {
                slots.add(numbering.slot(local, t));
            }
        }
        return slots;
    }

    /**
     * Gives each saved local of one state a field: typed fields numbered per kind from 0, exact
     * fields numbered per type, so the same fields serve every state.
     */
    private static final class Numbering {
        private final Predicate<Type> nameable;
        private final Map<Kind, Integer> next = new EnumMap<>(Kind.class);
        private final Map<String, Integer> nextOfType = new HashMap<>();
        private final Map<String, List<Integer>> exactIdsByDesc = new HashMap<>();
        final List<String> exactDescs = new ArrayList<>();

        Numbering(Predicate<Type> nameable) {
            this.nameable = nameable;
        }

        void startState() {
            next.clear();
            nextOfType.clear();
        }

        Slot slot(int local, Type t) {
            Kind kind = kindOf(t);
            if (kind == Kind.REF && !nameable.test(t)) {
                String desc = t.getDescriptor();
                int nth = nextOfType.merge(desc, 1, Integer::sum) - 1;
                List<Integer> ids = exactIdsByDesc.computeIfAbsent(desc, d -> new ArrayList<>());
                if (nth == ids.size()) {
                    ids.add(exactDescs.size());
                    exactDescs.add(desc);
                }
                return new Slot(local, kind, t, ids.get(nth), true);
            }
            return new Slot(local, kind, t, next.merge(kind, 1, Integer::sum) - 1, false);
        }
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

    /** The frame's fields for saved locals, in declaration order: the typed ones by kind, then the exact ones. */
    List<Field> fields() {
        List<Field> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (int i = 0; i < fieldCounts.getOrDefault(k, 0); i++) {
                out.add(new Field(k.field(i), k.desc));
            }
        }
        for (int i = 0; i < exactDescs.size(); i++) {
            out.add(new Field(EXACT_PREFIX + i, exactDescs.get(i)));
        }
        return out;
    }

    /**
     * The reference fields that state {@code state} does not fill, in declaration order: nulled
     * when it suspends, so a frame does not keep alive what an earlier state saved.
     */
    List<Field> fieldsToClear(int state) {
        List<Field> filled = new ArrayList<>();
        for (Slot s : states.get(state)) {
            if (s.field() >= 0) {
                filled.add(new Field(s.fieldName(), s.fieldDesc()));
            }
        }
        List<Field> out = new ArrayList<>();
        for (Field f : fields()) {
            if (f.holdsReference() && !filled.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Field names with their types, e.g. {@code a0:java.lang.Object}, for logs and the demo. */
    List<String> describeFields() {
        List<String> out = new ArrayList<>();
        for (Field f : fields()) {
            out.add(f.name() + ":" + Type.getType(f.desc()).getClassName());
        }
        return out;
    }
}
