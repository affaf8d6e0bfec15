package dev.weft.agent;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes class files under the {@code dump=DIR} directory, by internal name. A class names itself
 * in its own bytes, before the JVM checks that name, so a crafted name such as
 * {@code ../escape/Evil} or {@code /tmp/Evil} must not choose where the agent writes: such names
 * are refused and logged, and nothing is written outside DIR.
 */
final class ClassDump {
    private static final Logger LOG = System.getLogger("dev.weft.agent");

    private final Path dir;

    ClassDump(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    void write(String internalName, byte[] bytes) {
        Path file = fileFor(internalName);
        if (file == null) {
            LOG.log(Level.WARNING, "Weft did not dump the class named '" + internalName
                    + "': that name would write outside " + dir);
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Weft could not dump " + file + ": " + e);
        }
    }

    /** The file under {@link #dir} for {@code internalName}, or null when the name is not a plain path of names. */
    Path fileFor(String internalName) {
        for (String part : internalName.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('\\') >= 0
                    || part.indexOf(':') >= 0 || part.indexOf('\0') >= 0) {
                return null;
            }
        }
        Path file = dir.resolve(internalName + ".class").normalize();
        return file.startsWith(dir) ? file : null;
    }
}
