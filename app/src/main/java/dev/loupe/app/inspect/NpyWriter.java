package dev.loupe.app.inspect;

import dev.loupe.model.ElementType;
import dev.loupe.model.TensorData;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/// Writes a tensor as a NumPy `.npy` file (format version 1.0, C order, little-endian).
///
/// Element types NumPy has are written as they are stored; the others (bfloat16, the float8 and 4-bit types)
/// are widened to float32. String tensors are refused.
public final class NpyWriter {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private NpyWriter() {
    }

    /// The NumPy type string of `type`, or `null` when NumPy has no such type.
    static String descr(ElementType type) {
        return switch (type) {
            case FLOAT -> "<f4";
            case DOUBLE -> "<f8";
            case FLOAT16 -> "<f2";
            case INT8 -> "|i1";
            case UINT8 -> "|u1";
            case INT16 -> "<i2";
            case UINT16 -> "<u2";
            case INT32 -> "<i4";
            case UINT32 -> "<u4";
            case INT64 -> "<i8";
            case UINT64 -> "<u8";
            case BOOL -> "|b1";
            case COMPLEX64 -> "<c8";
            case COMPLEX128 -> "<c16";
            default -> null;
        };
    }

    /// Writes `tensor` to `out`.
    ///
    /// @throws IOException when the file cannot be written or the tensor holds strings
    public static void write(TensorData tensor, Path out) throws IOException {
        if (tensor.elementType() == ElementType.STRING) {
            throw new IOException("tensor '" + tensor.name() + "' holds strings, which .npy cannot store");
        }
        var descr = descr(tensor.elementType());
        MemorySegment data;
        if (descr != null) {
            data = tensor.bytes();
        } else {
            descr = "<f4";
            var floats = tensor.toFloatArray();
            data = MemorySegment.ofArray(new byte[floats.length * 4]);
            MemorySegment.copy(floats, 0, data, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0, floats.length);
        }
        var shape = new StringBuilder("(");
        for (long d : tensor.dims()) {
            shape.append(d).append(", ");
        }
        if (tensor.rank() > 1) {
            shape.setLength(shape.length() - 2);
        } else if (tensor.rank() == 1) {
            shape.setLength(shape.length() - 1);
        }
        shape.append(')');
        var header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = MAGIC.length + 2 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        var headerBytes = (header + " ".repeat(pad) + "\n").getBytes(StandardCharsets.US_ASCII);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
            os.write(MAGIC);
            os.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) headerBytes.length).array());
            os.write(headerBytes);
            var chunk = new byte[1 << 16];
            for (long off = 0; off < data.byteSize(); off += chunk.length) {
                int n = (int) Math.min(chunk.length, data.byteSize() - off);
                MemorySegment.copy(data, ValueLayout.JAVA_BYTE, off, chunk, 0, n);
                os.write(chunk, 0, n);
            }
        }
    }
}
