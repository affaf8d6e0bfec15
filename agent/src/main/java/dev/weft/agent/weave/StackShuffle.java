package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;

/**
 * What the JVM's stack instructions ({@code pop}, {@code dup_x2}, {@code swap}, ...) do to an
 * operand stack whose values have the given sizes (1, or 2 for {@code long}/{@code double}). The
 * instructions are defined on words, so {@code dup2} copies two ints or one long; this class
 * answers in values: the stack after the instruction as positions of the values before it.
 */
final class StackShuffle {
    /** Every stack instruction, in the order a replacement is looked for. */
    static final int[] OPCODES = {Opcodes.POP, Opcodes.POP2, Opcodes.DUP, Opcodes.DUP_X1, Opcodes.DUP_X2,
            Opcodes.DUP2, Opcodes.DUP2_X1, Opcodes.DUP2_X2, Opcodes.SWAP};

    private StackShuffle() {}

    static boolean isShuffle(int opcode) {
        return opcode >= Opcodes.POP && opcode <= Opcodes.SWAP;
    }

    /**
     * The stack after {@code opcode} as positions (0 = bottom) into {@code sizes}, or null when the
     * instruction does not apply there (too few words, or it would split a long or double).
     */
    static List<Integer> apply(int opcode, int[] sizes) {
        int[] pattern = pattern(opcode);
        int consumed = pattern[0];
        List<Integer> words = new ArrayList<>(); // top consumed words, deepest first: value position
        int below = sizes.length;
        while (words.size() < consumed) {
            if (below == 0) {
                return null;
            }
            below--;
            for (int w = 0; w < sizes[below]; w++) {
                words.add(0, below);
            }
        }
        if (words.size() != consumed) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < below; i++) {
            out.add(i);
        }
        for (int k = 1; k < pattern.length; k++) {
            int value = words.get(pattern[k]);
            boolean firstWord = pattern[k] == 0 || words.get(pattern[k] - 1) != value;
            if (sizes[value] == 1) {
                out.add(value);
            } else if (firstWord) {
                // a wide value must come out whole: its second word next
                if (k + 1 >= pattern.length || pattern[k + 1] != pattern[k] + 1) {
                    return null;
                }
                out.add(value);
                k++;
            } else {
                return null;
            }
        }
        return out;
    }

    /** Words consumed, then the words produced as indices among the consumed (0 = deepest). */
    private static int[] pattern(int opcode) {
        switch (opcode) {
            case Opcodes.POP: return new int[] {1};
            case Opcodes.POP2: return new int[] {2};
            case Opcodes.DUP: return new int[] {1, 0, 0};
            case Opcodes.DUP_X1: return new int[] {2, 1, 0, 1};
            case Opcodes.DUP_X2: return new int[] {3, 2, 0, 1, 2};
            case Opcodes.DUP2: return new int[] {2, 0, 1, 0, 1};
            case Opcodes.DUP2_X1: return new int[] {3, 1, 2, 0, 1, 2};
            case Opcodes.DUP2_X2: return new int[] {4, 2, 3, 0, 1, 2, 3};
            case Opcodes.SWAP: return new int[] {2, 1, 0};
            default: throw new IllegalArgumentException("not a stack instruction: " + opcode);
        }
    }
}
