package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Future;
import dev.weft.Poll;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

class ClassWeaverTest {

    /** The spill slots: instance fields besides the resume state and the awaited future every frame has. */
    private static List<String> instanceFields(Class<?> frame) {
        return Arrays.stream(frame.getDeclaredFields())
                .filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers()))
                .filter(f -> !f.getName().equals("state") && !f.getName().equals("awaiting"))
                .map(f -> f.getName())
                .sorted()
                .collect(Collectors.toList());
    }

    @Test
    void framesReuseFieldsAcrossAwaitPointsAndRun() throws Exception {
        ClassWeaver.Result r = WeaveTestSupport.weave(Samples.class);
        WeaveTestSupport.WovenLoader loader = new WeaveTestSupport.WovenLoader(Samples.class.getName(), r);
        Class<?> host = loader.loadClass(Samples.class.getName());

        // reuse(f, a): state 0 holds {f, a}; site 1 {f, a}; site 2 {x}: one int field is enough
        assertEquals(List.of("a0", "i0"), instanceFields(loader.loadClass(Samples.class.getName() + "$reuse$Weft")));
        // twoRefs: at the last await only s and t are live (already on the stack, spilled): two fields
        assertEquals(List.of("a0", "a1"), instanceFields(loader.loadClass(Samples.class.getName() + "$twoRefs$Weft")));
        assertEquals(List.of("a0", "d0", "j0"), instanceFields(loader.loadClass(Samples.class.getName() + "$wide$Weft")));

        Method reuse = host.getDeclaredMethod("reuse", Future.class, int.class);
        reuse.setAccessible(true);
        Future<?> f = (Future<?>) reuse.invoke(null, pendingOnce(5), 10);
        assertEquals(20, Async.blockOn(f));
        Method wide = host.getDeclaredMethod("wide", Future.class, long.class, double.class);
        wide.setAccessible(true);
        assertEquals(1_000_000_007L, Async.blockOn((Future<?>) wide.invoke(null, pendingOnce(500_000_000L), 7L, 2.0)));
    }

    @Test
    void wovenClassesPassCheckClassAdapter() throws Exception {
        ClassWeaver.Result r = WeaveTestSupport.weave(Samples.class);
        WeaveTestSupport.WovenLoader loader = new WeaveTestSupport.WovenLoader(Samples.class.getName(), r);
        assertEquals(3, r.frames().size());
        StringWriter out = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(r.bytes()), loader, false, new PrintWriter(out));
        for (ClassWeaver.GeneratedClass frame : r.frames()) {
            CheckClassAdapter.verify(new ClassReader(frame.bytes()), loader, false, new PrintWriter(out));
        }
        assertEquals("", out.toString());
    }

    @Test
    void classWithoutAwaitIsLeftAlone() throws Exception {
        assertNull(WeaveTestSupport.weave(ClassWeaverTest.class));
    }

    @Test
    void malformedClassFileIsRejectedWithAReason() {
        byte[] garbage = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 9, 1, 0};
        assertThrows(RuntimeException.class, () -> ClassWeaver.weave(garbage, new ClassHierarchy(null)));
    }

    @Test
    void constantPoolScanFindsAsyncOnlyWhereItIsNamed() throws Exception {
        assertTrue(AsyncReferenceScan.mentionsAsync(WeaveTestSupport.bytesOf(Samples.class)));
        assertTrue(!AsyncReferenceScan.mentionsAsync(WeaveTestSupport.bytesOf(String.class)));
        assertTrue(!AsyncReferenceScan.mentionsAsync(WeaveTestSupport.bytesOf(ClassWeaver.class)));
        assertTrue(AsyncReferenceScan.mentionsAsync(new byte[] {1, 2, 3}), "malformed: let the parser report it");
    }

    private static <T> Future<T> pendingOnce(T value) {
        return new Future<>() {
            boolean polled;

            @Override
            public Poll<T> poll(Context cx) {
                if (polled) {
                    return Poll.ready(value);
                }
                polled = true;
                new Thread(cx.waker()::wake).start();
                return Poll.pending();
            }
        };
    }
}
