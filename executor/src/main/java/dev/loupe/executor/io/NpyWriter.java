package dev.loupe.executor.io;

import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/// Writes tensors as NumPy `.npy` files (format version 1.0, little-endian, C order). Types NumPy cannot
/// represent (bfloat16, the float8 and 4-bit types) are refused; write those as `.pb` instead.
public final class NpyWriter {

    private NpyWriter() {
    }

    public static void write(Tensor tensor, Path file) throws ValueFileException {
        try {
            Files.write(file, toBytes(tensor));
        } catch (IllegalArgumentException e) {
            throw ValueFileException.of(file, e.getMessage());
        } catch (IOException e) {
            throw ValueFileException.of(file, "cannot write: " + e.getMessage());
        }
    }

    /// The bytes of a `.npy` file holding `tensor`.
    ///
    /// @throws IllegalArgumentException when NumPy has no dtype for the tensor's type
    public static byte[] toBytes(Tensor tensor) {
        var type = tensor.type();
        String descr;
        int maxChars = 1;
        if (type == ElementType.STRING) {
            for (var s : tensor.strings()) {
                maxChars = Math.max(maxChars, s.codePointCount(0, s.length()));
            }
            descr = "<U" + maxChars;
        } else {
            descr = NpyHeader.descr(type);
            if (descr == null) {
                throw new IllegalArgumentException(type.onnxName() + " has no NumPy dtype; write it as .pb");
            }
        }
        var header = header(descr, tensor.shape());
        long dataBytes = type == ElementType.STRING ? 4L * maxChars * tensor.size() : tensor.byteSize();
        var buf = ByteBuffer.allocate(Math.toIntExact(header.length + dataBytes)).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(header);
        switch (tensor.data()) {
            case float[] a -> buf.asFloatBuffer().put(a);
            case double[] a -> buf.asDoubleBuffer().put(a);
            case long[] a -> buf.asLongBuffer().put(a);
            case int[] a -> buf.asIntBuffer().put(a);
            case short[] a -> buf.asShortBuffer().put(a);
            case byte[] a -> buf.put(a);
            case String[] a -> {
                for (var s : a) {
                    int written = 0;
                    for (int cp : s.codePoints().toArray()) {
                        buf.putInt(cp);
                        written++;
                    }
                    for (; written < maxChars; written++) {
                        buf.putInt(0);
                    }
                }
            }
            default -> throw new IllegalArgumentException("unexpected storage for " + tensor.describe());
        }
        return buf.array();
    }

    /// Magic, version 1.0, header length and the dictionary padded with spaces and a newline so that the
    /// data starts on a 64-byte boundary.
    private static byte[] header(String descr, long[] shape) {
        var dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        if (shape.length == 1) {
            dims.append(',');
        }
        var dict = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }");
        int total = 10 + dict.length() + 1;
        dict.append(" ".repeat((64 - total % 64) % 64)).append('\n');
        var text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        var out = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.putShort((short) text.length);
        out.put(text);
        return out.array();
    }
}
