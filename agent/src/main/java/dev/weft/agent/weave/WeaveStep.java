package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Carries out a {@link WeavePlan}: each planned coroutine becomes an entry stub, a body and a frame
 * class ({@link MethodWeaver}), each misplaced await a throw; then the class is written and every
 * method it changed, and every frame class, is verified ({@link WovenCodeVerifier}). Any
 * {@code Throwable} on the way is returned as a {@link WeaveFailure}, for {@link FallbackStep}.
 */
final class WeaveStep {
    private final ClassNode host;
    private final WeavePlan plan;
    private final ClassHierarchy hierarchy;
    private final Consumer<MethodNode> bodyHook;
    private final AwaitRewrites rewrites;
    private final List<ClassWeaver.GeneratedClass> frames = new ArrayList<>();
    private final List<String> woven = new ArrayList<>();
    private final Set<String> frameNames = new HashSet<>();
    /** Frame class name to the user method it holds the frame of. */
    private final Map<String, String> frameOwners = new HashMap<>();
    private byte[] bytes;

    WeaveStep(ClassNode host, WeavePlan plan, ClassHierarchy hierarchy, Consumer<MethodNode> bodyHook) {
        this.host = host;
        this.plan = plan;
        this.hierarchy = hierarchy;
        this.bodyHook = bodyHook;
        this.rewrites = new AwaitRewrites(host);
    }

    /** Weaves, writes and verifies; returns why that failed, or null when {@link #result} is good. */
    WeaveFailure run() {
        for (WeavePlan.MethodPlan p : plan.methods()) {
            MethodNode m = host.methods.get(p.method());
            try {
                rewrites.misplace(m, m.instructions.toArray(), p);
                if (p.weaves()) {
                    weaveCoroutine(m, p.kind());
                }
            } catch (Throwable e) {
                return new WeaveFailure(rewrites.describe(m), WeaveFailure.reasonOf(e));
            }
        }
        WeaveFailure failure = write();
        if (failure != null) {
            return failure;
        }
        try {
            return verify();
        } catch (Throwable e) {
            return new WeaveFailure(null, "verifying the woven code failed: " + WeaveFailure.reasonOf(e));
        }
    }

    ClassWeaver.Result result() {
        return new ClassWeaver.Result(bytes, frames, rewrites.misuses(), woven, List.of());
    }

    private void weaveCoroutine(MethodNode m, CoroutineKind kind) {
        MethodWeaver.WovenMethod w = MethodWeaver.weave(host, m, kind, frameName(m), hierarchy);
        bodyHook.accept(w.body());
        host.methods.set(host.methods.indexOf(m), w.stub());
        host.methods.add(w.body());
        rewrites.changed(w.stub(), m);
        rewrites.changed(w.body(), m);
        frameOwners.put(w.frameClass(), rewrites.describe(m));
        frames.add(new ClassWeaver.GeneratedClass(w.frameClass(), w.frameBytes()));
        woven.add(rewrites.describe(m) + ": " + w.awaitCount() + " await point(s), frame "
                + w.frameClass().replace('/', '.') + " fields " + w.fields());
    }

    private WeaveFailure write() {
        if (!frames.isEmpty()) {
            FrameEmbedding.embed(host, frames);
            rewrites.changed(FrameEmbedding.CLINIT + "()V", host.name.replace('/', '.') + ".<clinit>()V");
        }
        try {
            HierarchyClassWriter writer = new HierarchyClassWriter(hierarchy);
            host.accept(writer);
            bytes = writer.toByteArray();
            return null;
        } catch (MethodTooLargeException e) {
            return new WeaveFailure(rewrites.userMethod(e.getMethodName(), e.getDescriptor()), ClassFileLimits.describe(e));
        } catch (ClassTooLargeException e) {
            return new WeaveFailure(null, ClassFileLimits.describe(e));
        } catch (Throwable e) {
            return new WeaveFailure(null, WeaveFailure.reasonOf(e));
        }
    }

    private WeaveFailure verify() {
        for (ClassWeaver.GeneratedClass frame : frames) {
            WovenCodeVerifier.Problem p = WovenCodeVerifier.check(frame.bytes(), null, hierarchy);
            if (p != null) {
                return new WeaveFailure(frameOwners.get(frame.name()), notVerifying(p));
            }
        }
        WovenCodeVerifier.Problem p = WovenCodeVerifier.check(bytes, rewrites.changedKeys(), hierarchy);
        return p == null ? null : new WeaveFailure(rewrites.userMethod(p.methodName(), p.methodDesc()), notVerifying(p));
    }

    private static String notVerifying(WovenCodeVerifier.Problem p) {
        return "the woven code does not verify: " + p.method() + ": " + p.complaint();
    }

    private String frameName(MethodNode m) {
        String base = host.name + "$" + m.name + "$Weft";
        String name = base;
        for (int i = 1; !frameNames.add(name); i++) {
            name = base + i;
        }
        return name;
    }
}
