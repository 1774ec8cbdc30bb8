package dev.kassa.bench;

/** Entry point of {@code ./kassa bench}; the benchmarks themselves follow. */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) {
        System.out.println("no benchmarks yet");
    }
}
