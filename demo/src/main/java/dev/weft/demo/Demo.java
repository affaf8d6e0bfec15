package dev.weft.demo;

/** Placeholder until the demo lands. */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) {
        System.out.println("Weft demo: coming with the weaver.");
    }
}
