package dev.weft.agent.weave;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Superclass and interface facts read from class files as resources of the host's class loader,
 * never by loading classes: a {@code ClassFileTransformer} that loads application classes can
 * deadlock or see them before they are woven.
 */
public final class ClassHierarchy {
    private static final String OBJECT = "java/lang/Object";

    /** What the weave needs to know about one class. */
    record Info(String superName, boolean isInterface, boolean isPublic) {}

    /**
     * What creating an instance of a class takes: its access flags, its nest host (itself when it
     * names none), and the access flags of its no-arg constructor, or -1 when it has none.
     */
    record Creation(int classAccess, String nestHost, int noArgConstructorAccess) {}

    /**
     * Weak, because the agent keeps one hierarchy per loader for as long as the loader lives: a
     * strong reference would keep every loader that ever loaded a woven class alive. Null stands
     * for the system class loader.
     */
    private final WeakReference<ClassLoader> loader;
    private final Map<String, Info> cache = new ConcurrentHashMap<>();

    public ClassHierarchy(ClassLoader loader) {
        this.loader = loader == null ? null : new WeakReference<>(loader);
    }

    /** Registers a class whose bytes are at hand (the one being woven, which is not yet a resource). */
    void add(String name, String superName, int access) {
        cache.put(name, info(superName, access));
    }

    private static Info info(String superName, int access) {
        return new Info(superName, (access & Opcodes.ACC_INTERFACE) != 0, (access & Opcodes.ACC_PUBLIC) != 0);
    }

    Info info(String name) {
        Info info = cache.get(name);
        if (info == null) {
            info = read(name);
            cache.put(name, info);
        }
        return info;
    }

    private Info read(String name) {
        ClassReader reader = reader(name, "to compute stack-map frames");
        return info(reader.getSuperName(), reader.getAccess());
    }

    /** Read afresh each time: asked only for the return types of eager coroutines, which are few. */
    Creation creation(String name) {
        ClassReader reader = reader(name, "to create it");
        String[] nestHost = {name};
        int[] constructor = {-1};
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visitNestHost(String host) {
                nestHost[0] = host;
            }

            @Override
            public MethodVisitor visitMethod(int access, String method, String desc, String signature,
                    String[] exceptions) {
                if (method.equals("<init>") && desc.equals("()V")) {
                    constructor[0] = access;
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new Creation(reader.getAccess(), nestHost[0], constructor[0]);
    }

    private ClassReader reader(String name, String purpose) {
        String resource = name + ".class";
        ClassLoader l = loader == null ? ClassLoader.getSystemClassLoader() : loader.get();
        if (l == null) {
            throw new WeaveException("the class loader of " + name.replace('/', '.') + " was collected");
        }
        try (InputStream in = l.getResourceAsStream(resource)) {
            if (in == null) {
                throw new WeaveException("cannot find the class file of " + name.replace('/', '.') + " " + purpose);
            }
            return new ClassReader(in);
        } catch (IOException e) {
            throw new WeaveException("cannot read the class file of " + name.replace('/', '.') + ": " + e);
        }
    }

    /**
     * The nearest common superclass, with interfaces treated as {@code Object} as the JVM verifier
     * treats them.
     */
    String commonSuperClass(String a, String b) {
        if (a.equals(b)) {
            return a;
        }
        if (a.equals(OBJECT) || b.equals(OBJECT) || info(a).isInterface() || info(b).isInterface()) {
            return OBJECT;
        }
        List<String> chainOfA = superChain(a);
        for (String c = b; c != null; c = info(c).superName()) {
            if (chainOfA.contains(c)) {
                return c;
            }
        }
        return OBJECT;
    }

    /**
     * The type two reference values merge to, as the JVM verifier merges them: arrays of
     * references merge element-wise, anything else involving an array is {@code Object}, classes
     * meet at {@link #commonSuperClass}.
     */
    Type commonSuperType(Type a, Type b) {
        if (a.equals(b)) {
            return a;
        }
        if (a.getSort() == Type.ARRAY || b.getSort() == Type.ARRAY) {
            if (a.getSort() == Type.ARRAY && b.getSort() == Type.ARRAY) {
                Type ca = Type.getType(a.getDescriptor().substring(1));
                Type cb = Type.getType(b.getDescriptor().substring(1));
                if (TypedInterpreter.isReferenceType(ca) && TypedInterpreter.isReferenceType(cb)) {
                    return Type.getType("[" + commonSuperType(ca, cb).getDescriptor());
                }
            }
            return Type.getObjectType(OBJECT);
        }
        return Type.getObjectType(commonSuperClass(a.getInternalName(), b.getInternalName()));
    }

    /**
     * Whether a value of reference type {@code source} may be used where {@code target} is
     * expected, by the JVM verifier's rules: every reference is assignable to an interface type
     * (the verifier checks interface calls at run time), arrays are covariant in their reference
     * elements, and a class is assignable to each class on its superclass chain.
     *
     * @throws WeaveException when a class file needed for the answer cannot be read
     */
    boolean isAssignable(Type target, Type source) {
        if (target.equals(source) || target.getInternalName().equals(OBJECT)) {
            return true;
        }
        if (target.getSort() == Type.ARRAY) {
            if (source.getSort() != Type.ARRAY) {
                return false;
            }
            Type te = Type.getType(target.getDescriptor().substring(1));
            Type se = Type.getType(source.getDescriptor().substring(1));
            return TypedInterpreter.isReferenceType(te) && TypedInterpreter.isReferenceType(se) && isAssignable(te, se);
        }
        if (info(target.getInternalName()).isInterface()) {
            return true;
        }
        if (source.getSort() == Type.ARRAY) {
            return false;
        }
        for (String c = source.getInternalName(); c != null; c = info(c).superName()) {
            if (c.equals(target.getInternalName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether code in class {@code from} may name {@code type} in a {@code checkcast}: the JVM
     * checks access there, so a public method returning a package-private class, or the common
     * superclass of two branches (StringBuilder and StringBuffer meet at the package-private
     * AbstractStringBuilder), gives values that code elsewhere holds but cannot cast to. Module
     * exports are not checked; types reached that way come from exported signatures.
     */
    boolean isNameableFrom(Type type, String from) {
        Type t = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        if (t.getSort() != Type.OBJECT) {
            return true;
        }
        String name = t.getInternalName();
        if (packageOf(name).equals(packageOf(from))) {
            return true;
        }
        try {
            return info(name).isPublic();
        } catch (WeaveException noClassFile) {
            return true; // a class with no class file to read (generated at run time): cast to it as before
        }
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }

    private List<String> superChain(String name) {
        List<String> chain = new ArrayList<>();
        for (String c = name; c != null; c = info(c).superName()) {
            chain.add(c);
        }
        return chain;
    }
}
