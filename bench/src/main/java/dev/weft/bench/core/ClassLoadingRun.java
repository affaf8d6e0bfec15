package dev.weft.bench.core;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The child JVM of {@link AgentOverhead}: loads (without initializing) every class under
 * {@code kotlin/} and {@code kotlinx/} of the benchmarks jar through a fresh class loader and
 * prints {@code RESULT <milliseconds> <classes loaded>}.
 */
public final class ClassLoadingRun {
    private ClassLoadingRun() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(ClassLoadingRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = classNames(jar);
        int loaded = 0;
        long start = System.nanoTime();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : names) {
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (LinkageError | ClassNotFoundException e) {
                    // a class whose optional dependency is not bundled; same on both sides
                }
            }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.println("RESULT " + ms + " " + loaded);
    }

    private static List<String> classNames(Path jar) throws Exception {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                String n = e.nextElement().getName();
                if ((n.startsWith("kotlin/") || n.startsWith("kotlinx/")) && n.endsWith(".class")
                        && !n.endsWith("module-info.class")) {
                    names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        return names;
    }
}
