package dev.switchboard.core;

import java.util.Arrays;

/**
 * An ASCII string searched for in bytes without decoding them (Boyer-Moore-Horspool: most bytes
 * are skipped, not compared). Immutable; make one per pattern and share it.
 */
public final class BytePattern {

    private final byte[] pattern;
    private final int[] shift = new int[256];

    private BytePattern(String ascii) {
        if (ascii.isEmpty() || !ascii.chars().allMatch(c -> c < 0x80)) {
            throw new IllegalArgumentException("A byte pattern is a non-empty ASCII string");
        }
        pattern = new byte[ascii.length()];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) ascii.charAt(i);
        }
        Arrays.fill(shift, pattern.length);
        for (int i = 0; i < pattern.length - 1; i++) {
            shift[pattern[i] & 0xff] = pattern.length - 1 - i;
        }
    }

    public static BytePattern of(String ascii) {
        return new BytePattern(ascii);
    }

    /** Where the pattern first occurs in {@code bytes[from, to)}, or -1. */
    public int indexIn(byte[] bytes, int from, int to) {
        int last = pattern.length - 1;
        for (int at = from; at + last < to; at += shift[bytes[at + last] & 0xff]) {
            int i = last;
            while (i >= 0 && bytes[at + i] == pattern[i]) {
                i--;
            }
            if (i < 0) {
                return at;
            }
        }
        return -1;
    }

    /** The pattern's length in bytes. */
    public int length() {
        return pattern.length;
    }
}
