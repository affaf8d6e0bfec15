package dev.weft.agent.weave;

import java.util.List;
import java.util.function.Consumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Weaves one class: every method that calls {@code await} becomes a state machine with its own
 * frame class, and every misplaced {@code await} becomes a throw with a message naming the class,
 * method and source line. Returns null when the class needs no change, or carries the
 * {@link WovenMarker} that every class it writes (woven or fallback) has.
 *
 * <p>Three steps: a {@link WeavePlan} decides, without changing anything, which methods are woven
 * and which awaits are misplaced; the {@link WeaveStep} carries it out, then writes and verifies
 * the class ({@link WovenCodeVerifier}); when a method cannot be woven or its woven code does not
 * verify, the {@link FallbackStep} carries the same plan out on the original code, each
 * {@code await} of a planned coroutine replaced by a throw saying that weaving FAILED and why; the
 * class still loads and everything in it that does not await works as written. Any
 * {@code Throwable} from the weave, an {@code OutOfMemoryError} or {@code StackOverflowError} of
 * the analyses included, leads to that fallback: none reaches the code loading the class.
 */
public final class ClassWeaver {
    /** A frame class, defined by its host's static initializer ({@link FrameEmbedding}). */
    public record GeneratedClass(String name, byte[] bytes) {}

    /** The woven host, its frame classes, and what to report (warnings: legal code that misleads). */
    public record Result(byte[] bytes, List<GeneratedClass> frames, List<String> misuses, List<String> woven,
            List<String> failures, List<String> warnings) {}

    private ClassWeaver() {}

    /**
     * @throws RuntimeException when the class file cannot be parsed, when the plan cannot be made,
     *     or when even its fallback does not verify or throws; the caller leaves it as it was
     */
    public static Result weave(byte[] classFile, ClassHierarchy hierarchy) {
        return weave(classFile, hierarchy, body -> {});
    }

    /**
     * Test seam: {@code bodyHook} sees each woven body before the class is written, so a test can
     * break the woven code and watch the verification and fallback handle it.
     */
    static Result weave(byte[] classFile, ClassHierarchy hierarchy, Consumer<MethodNode> bodyHook) {
        if (WovenMarker.isWoven(classFile)) {
            return null; // woven at build time, or by an earlier weave: weaving again would find no await
        }
        ClassNode host = read(classFile, hierarchy);
        WeavePlan plan = plan(host, hierarchy);
        if (plan.isEmpty()) {
            return null;
        }
        WeaveStep step = new WeaveStep(host, plan, hierarchy, bodyHook);
        WeaveFailure failure = step.run();
        if (failure == null) {
            return step.result();
        }
        step = null; // what the failed weave built may be what exhausted the heap
        host = null;
        try {
            return FallbackStep.write(read(classFile, hierarchy), plan, failure, hierarchy);
        } catch (WeaveException e) {
            throw e;
        } catch (Throwable e) {
            throw new WeaveException(failure.describe() + "; and writing the unwoven fallback failed too: "
                    + WeaveFailure.reasonOf(e), e);
        }
    }

    private static ClassNode read(byte[] classFile, ClassHierarchy hierarchy) {
        ClassNode host = new ClassNode();
        new ClassReader(classFile).accept(host, 0);
        hierarchy.add(host.name, host.superName, host.access);
        WovenMarker.mark(host);
        return host;
    }

    private static WeavePlan plan(ClassNode host, ClassHierarchy hierarchy) {
        try {
            return WeavePlan.of(host, hierarchy);
        } catch (WeaveException e) {
            throw e;
        } catch (Throwable e) {
            throw new WeaveException("planning the weave of " + host.name.replace('/', '.') + " failed: "
                    + WeaveFailure.reasonOf(e), e);
        }
    }
}
