package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.Tensor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// Finds input elements in a list of int64, float or string keys (the categories or keys of the encoders),
/// giving each element's position in the list or -1. Float keys match by value, with -0.0 equal to 0.0 and
/// NaN matching nothing.
final class KeyPositions {

    private enum KeyType { INT64, FLOAT, STRING }

    private final KeyType type;
    private final LongIndex numbers;
    private final Map<String, Integer> strings;

    private KeyPositions(KeyType type, LongIndex numbers, Map<String, Integer> strings) {
        this.type = type;
        this.numbers = numbers;
        this.strings = strings;
    }

    static KeyPositions ofInts(long[] keys) {
        return new KeyPositions(KeyType.INT64, new LongIndex(keys), null);
    }

    static KeyPositions ofFloats(float[] keys) {
        var bits = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            bits[i] = Float.isNaN(keys[i]) ? Long.MIN_VALUE : floatKey(keys[i]);
        }
        return new KeyPositions(KeyType.FLOAT, new LongIndex(bits), null);
    }

    static KeyPositions ofStrings(List<String> keys) {
        var map = new HashMap<String, Integer>();
        for (int i = 0; i < keys.size(); i++) {
            map.putIfAbsent(keys.get(i), i);
        }
        return new KeyPositions(KeyType.STRING, null, map);
    }

    /// The position of each element of `t`. String keys need a string tensor; int64 keys take int64 or int32
    /// tensors, and float or double ones truncated to int64 when `truncateFloats`; float keys take float
    /// tensors.
    int[] positions(Tensor t, String name, boolean truncateFloats) {
        var out = new int[t.size()];
        switch (type) {
            case STRING -> {
                if (t.data() instanceof String[] s) {
                    for (int i = 0; i < s.length; i++) {
                        Integer p = strings.get(s[i]);
                        out[i] = p == null ? -1 : p;
                    }
                } else {
                    throw mismatch(t, name, "string");
                }
            }
            case FLOAT -> {
                if (t.data() instanceof float[] f) {
                    for (int i = 0; i < f.length; i++) {
                        out[i] = Float.isNaN(f[i]) ? -1 : numbers.get(floatKey(f[i]));
                    }
                } else {
                    throw mismatch(t, name, "float");
                }
            }
            case INT64 -> {
                switch (t.data()) {
                    case long[] l -> {
                        for (int i = 0; i < l.length; i++) {
                            out[i] = numbers.get(l[i]);
                        }
                    }
                    case int[] v -> {
                        for (int i = 0; i < v.length; i++) {
                            out[i] = numbers.get(v[i]);
                        }
                    }
                    case float[] f when truncateFloats -> {
                        for (int i = 0; i < f.length; i++) {
                            out[i] = numbers.get((long) f[i]);
                        }
                    }
                    case double[] d when truncateFloats -> {
                        for (int i = 0; i < d.length; i++) {
                            out[i] = numbers.get((long) d[i]);
                        }
                    }
                    default -> throw mismatch(t, name, truncateFloats ? "int64, int32, float or double" : "int64");
                }
            }
        }
        return out;
    }

    private static long floatKey(float v) {
        return Float.floatToIntBits(v == 0f ? 0f : v);
    }

    private static KernelException mismatch(Tensor t, String name, String expected) {
        return new KernelException("input " + name + " of type " + t.type().onnxName() + " does not match the keys; expected " + expected);
    }
}
