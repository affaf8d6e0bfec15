package dev.weft.woven;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;

/**
 * Defines a woven class's frame classes from its own static initializer. Called by woven code; not
 * for users.
 *
 * <p>The agent embeds each frame class's bytes in its host as string constants and starts the
 * host's {@code <clinit>} with {@code Frames.define(MethodHandles.lookup(), name, chunks)}. The host's
 * own full-privilege lookup defines the frame in the host's package, loader and protection domain,
 * so the agent needs no access to {@code ClassLoader.defineClass} and opens nothing. A caller can
 * only define classes where its lookup already lets it ({@link MethodHandles.Lookup#defineClass}).
 * A woven method runs only once its class is initialized, so its frame exists by then.
 */
public final class Frames {
    private static final System.Logger LOG = System.getLogger("dev.weft.woven");

    private Frames() {}

    /**
     * Defines the class {@code frame} (a binary name) whose bytes are {@code chunks} joined, each
     * char one byte (ISO-8859-1), in the package of {@code host}'s lookup class. Does not throw: a
     * frame that cannot be defined is logged, and the host's coroutine methods then fail with
     * {@code NoClassDefFoundError} while everything else in the host works.
     */
    public static void define(MethodHandles.Lookup host, String frame, String[] chunks) {
        byte[] bytes = String.join("", chunks).getBytes(StandardCharsets.ISO_8859_1);
        try {
            host.defineClass(bytes);
        } catch (Throwable t) {
            if (!(t instanceof LinkageError && alreadyDefined(host, frame))) {
                LOG.log(Level.ERROR, "Weft could not define " + frame + ", the frame class of "
                        + host.lookupClass().getName() + "; its coroutine method will throw NoClassDefFoundError: "
                        + t, t);
            }
        }
    }

    /** A loader that defined the frame already (a test's loader that reads frames itself) keeps it. */
    private static boolean alreadyDefined(MethodHandles.Lookup host, String frame) {
        try {
            host.findClass(frame);
            return true;
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }
}
