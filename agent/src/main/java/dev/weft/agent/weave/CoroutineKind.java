package dev.weft.agent.weave;

import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

/** How a woven method's callers see it, decided by its declared return type. */
enum CoroutineKind {
    /** Returns {@code dev.weft.Future}: calling it runs nothing; the body starts at the first poll. */
    LAZY,
    /**
     * Returns {@code CompletableFuture}, {@code CompletionStage} or a subclass of
     * {@code CompletableFuture}: the body starts on the call.
     */
    EAGER,
    /**
     * Returns {@code dev.weft.Generator}: the body runs as the consumer iterates, suspending at each
     * {@code emit}; it may not await.
     */
    GENERATOR,
    /** Returns {@code dev.weft.AsyncStream}: the body may await and emit; each element is a poll away. */
    STREAM;

    static final String COMPLETABLE_FUTURE = "java/util/concurrent/CompletableFuture";

    /** The kind for {@code m}'s return type, or null when {@code await} is not allowed there. */
    static CoroutineKind of(MethodNode m, ClassHierarchy hierarchy) {
        Type ret = Type.getReturnType(m.desc);
        switch (ret.getDescriptor()) {
            case "Ldev/weft/Future;":
                return LAZY;
            case "Ljava/util/concurrent/CompletableFuture;":
            case "Ljava/util/concurrent/CompletionStage;":
                return EAGER;
            case "L" + AwaitCalls.GENERATOR + ";":
                return GENERATOR;
            case "L" + AwaitCalls.ASYNC_STREAM + ";":
                return STREAM;
            default:
                return isCompletableFutureSubclass(ret, hierarchy) ? EAGER : null;
        }
    }

    /** Whether the body emits elements (a generator or a stream) rather than computing one output. */
    boolean emits() {
        return this == GENERATOR || this == STREAM;
    }

    /**
     * The subclass of {@code CompletableFuture} an eager coroutine declares it returns, which its
     * entry stub creates; null when it returns {@code CompletableFuture} or {@code CompletionStage}.
     */
    static String resultSubclass(MethodNode m) {
        Type ret = Type.getReturnType(m.desc);
        String name = ret.getInternalName();
        return name.equals(COMPLETABLE_FUTURE) || name.equals("java/util/concurrent/CompletionStage") ? null : name;
    }

    private static boolean isCompletableFutureSubclass(Type t, ClassHierarchy hierarchy) {
        if (t.getSort() != Type.OBJECT) {
            return false;
        }
        try {
            return hierarchy.isAssignable(Type.getObjectType(COMPLETABLE_FUTURE), t);
        } catch (WeaveException unreadable) {
            return false; // no class file to read: not something Weft can create either
        }
    }
}
