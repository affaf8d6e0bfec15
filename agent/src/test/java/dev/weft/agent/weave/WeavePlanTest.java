package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;

/** The plan alone: what it decides for each method, that it changes nothing, and that the fallback follows it. */
class WeavePlanTest {
    private static final ClassHierarchy HIERARCHY = new ClassHierarchy(WeavePlanTest.class.getClassLoader());

    @Test
    void planWeavesCoroutinesByKindAndListsEveryMisplacedAwaitWithItsReason() throws IOException {
        ClassNode host = read();
        WeavePlan plan = WeavePlan.of(host, HIERARCHY);
        assertEquals(List.of("lazy", "eager", "wrongReturn", "locked", "withReference"), names(host, plan));
        assertEquals(CoroutineKind.LAZY, method(host, plan, "lazy").kind());
        assertEquals(CoroutineKind.EAGER, method(host, plan, "eager").kind());
        assertEquals(1, method(host, plan, "lazy").awaits().size());
        assertTrue(method(host, plan, "lazy").misplaced().isEmpty());

        WeavePlan.MethodPlan wrong = method(host, plan, "wrongReturn");
        assertFalse(wrong.weaves());
        assertTrue(reasons(wrong).get(0).startsWith("await in a method returning int"), reasons(wrong).toString());

        WeavePlan.MethodPlan locked = method(host, plan, "locked");
        assertFalse(locked.weaves());
        assertEquals(2, locked.misplaced().size());
        assertTrue(reasons(locked).get(0).startsWith("method not woven because of the await inside a synchronized "
                + "block at dev.weft.agent.weave.PlanSamples.locked(PlanSamples.java:"), reasons(locked).get(0));
        assertEquals("await inside a synchronized block", reasons(locked).get(1));

        WeavePlan.MethodPlan reference = method(host, plan, "withReference");
        assertTrue(reference.weaves(), "a method reference does not stop the method's calls from being woven");
        assertEquals(List.of("Async::await used as a method reference; await can only be called directly"),
                reasons(reference));
    }

    @Test
    void planningChangesNothingInTheClass() throws IOException {
        ClassNode host = read();
        byte[] before = write(host);
        WeavePlan.of(host, HIERARCHY);
        assertArrayEquals(before, write(host));
    }

    @Test
    void classWithNoAwaitHasAnEmptyPlan() throws IOException {
        ClassNode host = new ClassNode();
        new ClassReader(WeaveTestSupport.bytesOf(WeavePlanTest.class)).accept(host, 0);
        assertTrue(WeavePlan.of(host, HIERARCHY).isEmpty());
    }

    @Test
    void theFallbackCarriesOutTheSamePlanAsTheWeave() throws IOException {
        byte[] bytes = WeaveTestSupport.bytesOf(PlanSamples.class);
        ClassWeaver.Result woven = ClassWeaver.weave(bytes, HIERARCHY);
        ClassWeaver.Result fallback = ClassWeaver.weave(bytes, HIERARCHY, body -> {
            throw new IllegalStateException("broken on purpose");
        });
        assertTrue(woven.failures().isEmpty(), woven.failures().toString());
        assertEquals(3, woven.woven().size());
        assertEquals(woven.misuses(), fallback.misuses(), "misplaced awaits report the same either way");
        assertEquals(List.of(), fallback.woven());
        assertEquals(1, fallback.failures().size());
        assertTrue(fallback.failures().get(0).contains("weaving dev.weft.agent.weave.PlanSamples.lazy("
                + "Ldev/weft/Future;)Ldev/weft/Future; failed: java.lang.IllegalStateException: broken on purpose"),
                fallback.failures().get(0));
        assertTrue(fallback.frames().isEmpty());
    }

    private static ClassNode read() throws IOException {
        ClassNode host = new ClassNode();
        new ClassReader(WeaveTestSupport.bytesOf(PlanSamples.class)).accept(host, 0);
        return host;
    }

    private static byte[] write(ClassNode host) {
        ClassWriter w = new ClassWriter(0);
        host.accept(w);
        return w.toByteArray();
    }

    private static List<String> names(ClassNode host, WeavePlan plan) {
        return plan.methods().stream().map(p -> host.methods.get(p.method()).name).collect(Collectors.toList());
    }

    private static WeavePlan.MethodPlan method(ClassNode host, WeavePlan plan, String name) {
        return plan.methods().stream().filter(p -> host.methods.get(p.method()).name.equals(name)).findFirst()
                .orElseThrow();
    }

    private static List<String> reasons(WeavePlan.MethodPlan p) {
        return p.misplaced().stream().map(WeavePlan.Misplaced::reason).collect(Collectors.toList());
    }
}
