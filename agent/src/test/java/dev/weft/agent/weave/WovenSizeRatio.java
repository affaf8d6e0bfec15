package dev.weft.agent.weave;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Prints how much weaving grows a directory of classes: the woven classes and their frame classes
 * against the original classes, for the classes the weaver changes. Run with the test classpath
 * and the directory, e.g. {@code ... dev.weft.agent.weave.WovenSizeRatio test-fixtures/target/classes}.
 */
public final class WovenSizeRatio {
    private WovenSizeRatio() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        List<Path> classFiles;
        try (Stream<Path> walk = Files.walk(root)) {
            classFiles = walk.filter(p -> p.toString().endsWith(".class")).sorted().collect(Collectors.toList());
        }
        ClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, WovenSizeRatio.class.getClassLoader());
        long original = 0;
        long woven = 0;
        int classes = 0;
        for (Path p : classFiles) {
            byte[] bytes = Files.readAllBytes(p);
            if (!AsyncReferenceScan.mentionsAsync(bytes)) {
                continue;
            }
            ClassWeaver.Result r = ClassWeaver.weave(bytes, new ClassHierarchy(loader));
            if (r == null) {
                continue;
            }
            classes++;
            original += bytes.length;
            woven += r.bytes().length + r.frames().stream().mapToLong(f -> f.bytes().length).sum();
        }
        System.out.printf("%d woven classes: %,d bytes originally, %,d woven with their frames: ratio %.2f%n",
                classes, original, woven, (double) woven / original);
    }
}
