package dev.weft.agent.weave;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/** Reads test classes' bytes and defines woven versions in a throwaway loader. */
final class WeaveTestSupport {
    private WeaveTestSupport() {}

    static byte[] bytesOf(Class<?> c) throws IOException {
        String resource = c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getClassLoader() != null ? c.getClassLoader().getResourceAsStream(resource)
                : ClassLoader.getSystemResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    static ClassWeaver.Result weave(Class<?> c) throws IOException {
        return ClassWeaver.weave(bytesOf(c), new ClassHierarchy(c.getClassLoader()));
    }

    /** A child-first loader holding the woven host and its frames, so the woven code can run. */
    static final class WovenLoader extends ClassLoader {
        private final Map<String, byte[]> classes = new HashMap<>();

        WovenLoader(String host, ClassWeaver.Result result) {
            super(WeaveTestSupport.class.getClassLoader());
            classes.put(host, result.bytes());
            result.frames().forEach(f -> classes.put(f.name().replace('/', '.'), f.bytes()));
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                byte[] b = classes.get(name);
                if (b != null) {
                    Class<?> c = findLoadedClass(name);
                    return c != null ? c : defineClass(name, b, 0, b.length);
                }
                return super.loadClass(name, resolve);
            }
        }
    }
}
