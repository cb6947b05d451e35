package dev.loupe.executor.io;

import dev.loupe.executor.tensor.Shapes;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorSizeException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/// Reads NumPy `.npy` files (format versions 1, 2 and 3) into tensors.
///
/// Loupe reads the format itself rather than through a library: it is a magic string, a small text header
/// and the raw array, documented in a page of NumPy's docs, and no well-kept Java library for it exists.
/// Supported dtypes: bool, int8–int64, uint8–uint64, float16, float32, float64, complex64, complex128,
/// fixed-width strings (`U`, `S`); either byte order; C or Fortran order. Anything else is refused with a
/// one-line reason.
public final class NpyReader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NpyReader() {
    }

    public static Tensor read(Path file) throws ValueFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw ValueFileException.of(file, "cannot read: " + e.getMessage());
        }
        return read(bytes, file.getFileName().toString());
    }

    /// Parses the bytes of a `.npy` file; `label` names it in messages.
    public static Tensor read(byte[] bytes, String label) throws ValueFileException {
        try {
            return parse(bytes);
        } catch (IllegalArgumentException | TensorSizeException e) {
            throw new ValueFileException(label + ": " + e.getMessage());
        }
    }

    private static Tensor parse(byte[] bytes) {
        if (bytes.length < 10 || !java.util.Arrays.equals(bytes, 0, 6, MAGIC, 0, 6)) {
            throw new IllegalArgumentException(bytes.length < 10 && bytes.length > 0 && bytes[0] == MAGIC[0]
                    ? "truncated: too short for a .npy header" : "not a .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        var buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(buf.getShort(8));
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException("truncated: too short for a .npy header");
            }
            headerLength = Integer.toUnsignedLong(buf.getInt(8));
            headerStart = 12;
        } else {
            throw new IllegalArgumentException("unsupported .npy format version " + major);
        }
        if (headerStart + headerLength > bytes.length) {
            throw new IllegalArgumentException("truncated: the header needs " + headerLength + " bytes but the file has "
                    + (bytes.length - headerStart));
        }
        var charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        var header = NpyHeader.parse(new String(bytes, headerStart, (int) headerLength, charset));
        int dataStart = (int) (headerStart + headerLength);
        int count = Shapes.checkedSize(header.shape());
        long needed = (long) count * header.itemSize();
        long available = bytes.length - dataStart;
        if (available < needed) {
            throw new IllegalArgumentException("truncated: " + header.type().onnxName() + java.util.Arrays.toString(header.shape())
                    + " needs " + needed + " bytes of data but the file has " + available);
        }
        var data = ByteBuffer.wrap(bytes, dataStart, (int) needed).slice().order(header.order());
        if (header.fortranOrder() && header.shape().length > 1) {
            data = ByteBuffer.wrap(toCOrder(data, header.shape(), header.itemSize())).order(header.order());
        }
        return Tensor.of(header.type(), header.shape(), decode(data, header, count));
    }

    private static Object decode(ByteBuffer data, NpyHeader h, int count) {
        return switch (h.type()) {
            case FLOAT -> { var a = new float[count]; data.asFloatBuffer().get(a); yield a; }
            case COMPLEX64 -> { var a = new float[2 * count]; data.asFloatBuffer().get(a); yield a; }
            case DOUBLE -> { var a = new double[count]; data.asDoubleBuffer().get(a); yield a; }
            case COMPLEX128 -> { var a = new double[2 * count]; data.asDoubleBuffer().get(a); yield a; }
            case INT64, UINT64 -> { var a = new long[count]; data.asLongBuffer().get(a); yield a; }
            case INT32, UINT32 -> { var a = new int[count]; data.asIntBuffer().get(a); yield a; }
            case INT16, UINT16, FLOAT16 -> { var a = new short[count]; data.asShortBuffer().get(a); yield a; }
            case INT8, UINT8 -> { var a = new byte[count]; data.get(a); yield a; }
            case BOOL -> {
                var a = new byte[count];
                data.get(a);
                for (int i = 0; i < count; i++) {
                    a[i] = (byte) (a[i] != 0 ? 1 : 0);
                }
                yield a;
            }
            case STRING -> strings(data, h, count);
            default -> throw new IllegalArgumentException("unsupported dtype " + h.type().onnxName());
        };
    }

    private static String[] strings(ByteBuffer data, NpyHeader h, int count) {
        var out = new String[count];
        var item = new byte[h.itemSize()];
        for (int i = 0; i < count; i++) {
            data.get(item);
            if (h.kind() == 'U') {
                var sb = new StringBuilder();
                var ib = ByteBuffer.wrap(item).order(h.order());
                for (int c = 0; c < item.length / 4; c++) {
                    int cp = ib.getInt();
                    if (cp == 0) {
                        break;
                    }
                    sb.appendCodePoint(cp);
                }
                out[i] = sb.toString();
            } else {
                int len = 0;
                while (len < item.length && item[len] != 0) {
                    len++;
                }
                out[i] = new String(item, 0, len, StandardCharsets.UTF_8);
            }
        }
        return out;
    }

    /// Reorders elements stored with the first index varying fastest into row-major order.
    private static byte[] toCOrder(ByteBuffer data, long[] shape, int itemSize) {
        int rank = shape.length;
        int count = Shapes.checkedSize(shape);
        var fStrides = new long[rank];
        long acc = 1;
        for (int k = 0; k < rank; k++) {
            fStrides[k] = acc;
            acc *= shape[k];
        }
        var src = new byte[data.remaining()];
        data.get(src);
        var out = new byte[src.length];
        var idx = new long[rank];
        for (int c = 0; c < count; c++) {
            long f = 0;
            for (int k = 0; k < rank; k++) {
                f += idx[k] * fStrides[k];
            }
            System.arraycopy(src, (int) (f * itemSize), out, c * itemSize, itemSize);
            for (int k = rank - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return out;
    }
}
