package dev.weft.agent.weave;

import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * The last pass of a weave: runs a data-flow verifier ({@link HierarchyVerifier}) over the bytes
 * about to be handed to the JVM, so a weaver bug leaves a class unwoven with a clear message
 * instead of making it fail to load with a {@code VerifyError}.
 *
 * <p>It reads the written bytes back rather than the trees they came from, so it checks exactly
 * what the JVM will see, including the maximum stack and locals the writer computed. Stack-map
 * frames are not checked: the writer computes them from the same {@link ClassHierarchy}. Every
 * method of the class, checked or not, must also keep within {@link ClassFileLimits}, which the
 * JVM checks when it defines the class.
 */
final class WovenCodeVerifier {
    /** Why one method of a woven class would not verify. */
    record Problem(String className, String methodName, String methodDesc, String complaint) {
        /** {@code com.example.Foo.bar(Ljava/lang/String;)Ldev/weft/Future;} */
        String method() {
            return className.replace('/', '.') + "." + methodName + methodDesc;
        }
    }

    private WovenCodeVerifier() {}

    /**
     * Verifies the methods of {@code classFile} named in {@code methods} ({@code name + desc}),
     * or every method when {@code methods} is null.
     *
     * @return the first method that does not verify, or null when all do
     */
    static Problem check(byte[] classFile, Set<String> methods, ClassHierarchy hierarchy) {
        ClassNode c = new ClassNode();
        new ClassReader(classFile).accept(c, ClassReader.SKIP_FRAMES);
        for (MethodNode m : c.methods) {
            String beyondLimits = ClassFileLimits.problemOf(m);
            if (beyondLimits != null) {
                return new Problem(c.name, m.name, m.desc, beyondLimits);
            }
            if (m.instructions.size() == 0 || (methods != null && !methods.contains(m.name + m.desc))) {
                continue;
            }
            Problem p = check(c, m, hierarchy);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static Problem check(ClassNode c, MethodNode m, ClassHierarchy hierarchy) {
        try {
            new Analyzer<>(new HierarchyVerifier(hierarchy)).analyze(c.name, m);
            return null;
        } catch (AnalyzerException e) {
            return new Problem(c.name, m.name, m.desc, describe(e));
        } catch (RuntimeException e) {
            // ASM's analyzer reports some malformed code (a jump to nowhere, a bad local index) by
            // throwing an unchecked exception of its own
            return new Problem(c.name, m.name, m.desc, e.toString());
        }
    }

    private static String describe(AnalyzerException e) {
        AbstractInsnNode at = e.node;
        if (at == null) {
            return e.getMessage();
        }
        int line = SourceLines.lineOf(at);
        // the analyzer's message already says "Error at instruction N: ..."
        return e.getMessage() + (line > 0 ? " (source line " + line + ")" : "");
    }

    /** The {@code name + desc} key {@link #check} uses to select methods. */
    static String key(MethodNode m) {
        return m.name + m.desc;
    }
}
