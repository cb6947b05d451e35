package dev.loupe.executor.kernels.ml;

import java.util.Arrays;

/// A read-only map from `long` keys to their position in the key list, with open addressing so that lookups
/// neither box nor allocate. The first occurrence of a repeated key wins.
final class LongIndex {

    private final long[] keys;
    private final int[] positions;
    private final int mask;

    LongIndex(long[] keyList) {
        int capacity = Integer.highestOneBit(Math.max(4, keyList.length * 2 + 1)) << 1;
        keys = new long[capacity];
        positions = new int[capacity];
        Arrays.fill(positions, -1);
        mask = capacity - 1;
        for (int i = 0; i < keyList.length; i++) {
            int slot = slot(keyList[i]);
            while (positions[slot] >= 0 && keys[slot] != keyList[i]) {
                slot = (slot + 1) & mask;
            }
            if (positions[slot] < 0) {
                keys[slot] = keyList[i];
                positions[slot] = i;
            }
        }
    }

    /// The position of `key` in the key list, or -1.
    int get(long key) {
        int slot = slot(key);
        while (positions[slot] >= 0) {
            if (keys[slot] == key) {
                return positions[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
