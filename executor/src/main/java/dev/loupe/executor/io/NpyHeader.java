package dev.loupe.executor.io;

import dev.loupe.model.ElementType;

import java.nio.ByteOrder;
import java.util.regex.Pattern;

/// The header of a `.npy` file: element type, byte order, item size, memory order and shape.
///
/// @param kind     NumPy's dtype kind: `f`, `i`, `u`, `b`, `c`, `U` (UTF-32 strings) or `S` (byte strings)
/// @param itemSize bytes per element (per character count times 4 for `U`)
record NpyHeader(ElementType type, char kind, int itemSize, ByteOrder order, boolean fortranOrder, long[] shape) {

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /// Parses the Python dictionary literal NumPy writes, e.g.
    /// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
    ///
    /// @return the header, or throws [IllegalArgumentException] with a one-line reason
    static NpyHeader parse(String dict) {
        var d = DESCR.matcher(dict);
        if (!d.find()) {
            throw new IllegalArgumentException(dict.contains("'descr'") ? "structured dtypes are not supported" : "header has no 'descr'");
        }
        var f = FORTRAN.matcher(dict);
        var s = SHAPE.matcher(dict);
        if (!f.find() || !s.find()) {
            throw new IllegalArgumentException("header lacks 'fortran_order' or 'shape'");
        }
        var descr = d.group(1);
        if (descr.length() < 2) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
        }
        char byteOrder = descr.charAt(0);
        var order = byteOrder == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if ("<>|=".indexOf(byteOrder) < 0) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
        }
        char kind = descr.charAt(1);
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            size = -1;
        }
        var type = elementType(kind, size, descr);
        int itemSize = kind == 'U' ? Math.multiplyExact(size, 4) : size;
        return new NpyHeader(type, kind, itemSize, order, f.group(1).equals("True"), shape(s.group(1)));
    }

    private static ElementType elementType(char kind, int size, String descr) {
        var type = switch (kind) {
            case 'f' -> size == 2 ? ElementType.FLOAT16 : size == 4 ? ElementType.FLOAT : size == 8 ? ElementType.DOUBLE : null;
            case 'i' -> size == 1 ? ElementType.INT8 : size == 2 ? ElementType.INT16 : size == 4 ? ElementType.INT32
                    : size == 8 ? ElementType.INT64 : null;
            case 'u' -> size == 1 ? ElementType.UINT8 : size == 2 ? ElementType.UINT16 : size == 4 ? ElementType.UINT32
                    : size == 8 ? ElementType.UINT64 : null;
            case 'b' -> size == 1 ? ElementType.BOOL : null;
            case 'c' -> size == 8 ? ElementType.COMPLEX64 : size == 16 ? ElementType.COMPLEX128 : null;
            case 'U', 'S' -> size > 0 ? ElementType.STRING : null;
            default -> null;
        };
        if (type == null) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "'" + (kind == 'O' ? " (Python objects)" : ""));
        }
        return type;
    }

    private static long[] shape(String tuple) {
        var parts = tuple.split(",");
        var dims = new java.util.ArrayList<Long>();
        for (var p : parts) {
            var t = p.strip();
            if (t.isEmpty()) {
                continue;
            }
            try {
                long v = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
                if (v < 0) {
                    throw new IllegalArgumentException("negative dimension " + v + " in shape");
                }
                dims.add(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad shape (" + tuple + ")");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /// The `descr` NumPy uses for a tensor type, or `null` when NumPy has none (bfloat16, float8, 4-bit).
    static String descr(ElementType type) {
        return switch (type) {
            case FLOAT -> "<f4";
            case DOUBLE -> "<f8";
            case FLOAT16 -> "<f2";
            case INT8 -> "|i1";
            case INT16 -> "<i2";
            case INT32 -> "<i4";
            case INT64 -> "<i8";
            case UINT8 -> "|u1";
            case UINT16 -> "<u2";
            case UINT32 -> "<u4";
            case UINT64 -> "<u8";
            case BOOL -> "|b1";
            case COMPLEX64 -> "<c8";
            case COMPLEX128 -> "<c16";
            default -> null;
        };
    }
}
