package dev.loupe.model.io;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/// Walks the outer levels of a serialized `ModelProto` in a memory-mapped file and produces a copy without
/// the large `raw_data` payloads, so that protobuf-java only ever parses the small remainder.
///
/// Each large `raw_data` field of a `TensorProto` is replaced by two private varint fields holding the
/// payload's offset and length in the file; [ProtoCodec] turns them back into a view of the mapping. Any
/// field with those private numbers already in the file is dropped, so a file cannot forge them.
///
/// Protobuf-java copies a mapped buffer into one heap array before parsing it (it no longer uses
/// `sun.misc.Unsafe` on Java 25), which would put every weight on the heap; hence this hand-written walk over
/// the few message types that can hold tensors. Everything else is copied byte for byte.
final class LazyTensorScanner {

    /// Private field numbers for the offset and length of a payload left in the file (near the top of the
    /// field-number range, unused by ONNX).
    static final int OFFSET_FIELD = 536_870_000;
    static final int LENGTH_FIELD = 536_870_001;

    /// Payloads at least this large stay in the file.
    static final int LAZY_THRESHOLD = 1024;

    private static final int MAX_DEPTH = 96;

    /// The message types that can contain tensors, and which of their fields lead further down.
    private enum Kind {
        MODEL, GRAPH, NODE, ATTRIBUTE, TENSOR, SPARSE, FUNCTION, TRAINING;

        Kind child(int field) {
            return switch (this) {
                case MODEL -> field == 7 ? GRAPH : field == 25 ? FUNCTION : field == 20 ? TRAINING : null;
                case TRAINING -> field == 1 || field == 2 ? GRAPH : null;
                case GRAPH -> field == 1 ? NODE : field == 5 ? TENSOR : field == 15 ? SPARSE : null;
                case NODE -> field == 5 ? ATTRIBUTE : null;
                case ATTRIBUTE -> switch (field) {
                    case 5, 10 -> TENSOR;
                    case 6, 11 -> GRAPH;
                    case 22, 23 -> SPARSE;
                    default -> null;
                };
                case FUNCTION -> field == 7 ? NODE : null;
                case SPARSE -> field == 1 || field == 2 ? TENSOR : null;
                case TENSOR -> null;
            };
        }
    }

    private final MemorySegment file;
    private long lazyBytes;

    private LazyTensorScanner(MemorySegment file) {
        this.file = file;
    }

    /// The model without its large payloads, ready for protobuf-java.
    ///
    /// @throws ModelIOException when the bytes are not a well-formed protobuf message
    static Stripped strip(MemorySegment file) throws ModelIOException {
        var scanner = new LazyTensorScanner(file);
        var out = new Buffer((int) Math.min(1 << 16, file.byteSize()));
        scanner.copyMessage(0, file.byteSize(), Kind.MODEL, out, 0);
        return new Stripped(out.toArray(), scanner.lazyBytes);
    }

    /// The remaining bytes and how many payload bytes were left in the file.
    record Stripped(byte[] bytes, long lazyBytes) {}

    private void copyMessage(long start, long end, Kind kind, Buffer out, int depth) throws ModelIOException {
        if (depth > MAX_DEPTH) {
            throw new ModelIOException("graphs are nested more than " + MAX_DEPTH + " levels deep");
        }
        long pos = start;
        while (pos < end) {
            long fieldStart = pos;
            long tag = readVarint(pos, end);
            pos += varintSize(pos, end);
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (field <= 0 || (tag >>> 3) > 0x1FFF_FFFF) {
                throw malformed(fieldStart, "invalid field number");
            }
            switch (wireType) {
                case 0 -> pos += varintSize(pos, end);
                case 1 -> pos += 8;
                case 5 -> pos += 4;
                case 2 -> {
                    long length = readVarint(pos, end);
                    pos += varintSize(pos, end);
                    if (length < 0 || length > end - pos) {
                        throw malformed(fieldStart, "a field runs past the end of its message (the file may be truncated)");
                    }
                    var child = kind.child(field);
                    if (child != null) {
                        var inner = new Buffer((int) Math.min(length, 4096));
                        copyMessage(pos, pos + length, child, inner, depth + 1);
                        out.writeVarint(tag);
                        out.writeVarint(inner.size());
                        out.write(inner);
                        pos += length;
                        continue;
                    }
                    if (kind == Kind.TENSOR && field == 9 && length >= LAZY_THRESHOLD) {
                        out.writeVarint(((long) OFFSET_FIELD << 3));
                        out.writeVarint(pos);
                        out.writeVarint(((long) LENGTH_FIELD << 3));
                        out.writeVarint(length);
                        lazyBytes += length;
                        pos += length;
                        continue;
                    }
                    pos += length;
                }
                default -> throw malformed(fieldStart, "unsupported wire type " + wireType);
            }
            if (pos > end) {
                throw malformed(fieldStart, "a field runs past the end of its message (the file may be truncated)");
            }
            if (kind == Kind.TENSOR && (field == OFFSET_FIELD || field == LENGTH_FIELD)) {
                continue;
            }
            out.copy(file, fieldStart, pos - fieldStart);
        }
    }

    private long readVarint(long pos, long end) throws ModelIOException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw malformed(pos, "a number runs past the end of its message (the file may be truncated)");
            }
            byte b = file.get(ValueLayout.JAVA_BYTE, pos++);
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw malformed(pos, "a number is longer than 10 bytes");
    }

    private long varintSize(long pos, long end) throws ModelIOException {
        long p = pos;
        while (p < end && p - pos < 10) {
            if (file.get(ValueLayout.JAVA_BYTE, p++) >= 0) {
                return p - pos;
            }
        }
        throw malformed(pos, "a number runs past the end of its message (the file may be truncated)");
    }

    private static ModelIOException malformed(long offset, String what) {
        return new ModelIOException("not a valid ONNX model: " + what + " at byte " + offset);
    }

    /// A growable byte array.
    private static final class Buffer {
        private byte[] data;
        private int size;

        Buffer(int capacity) {
            data = new byte[Math.max(16, capacity)];
        }

        int size() {
            return size;
        }

        private void ensure(long extra) throws ModelIOException {
            long needed = size + extra;
            if (needed > Integer.MAX_VALUE - 16) {
                throw new ModelIOException("the model's structure (without weights) is over 2 GB");
            }
            if (needed > data.length) {
                data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, 2L * data.length)));
            }
        }

        void writeVarint(long value) throws ModelIOException {
            ensure(10);
            long v = value;
            while ((v & ~0x7FL) != 0) {
                data[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            data[size++] = (byte) v;
        }

        void write(Buffer other) throws ModelIOException {
            ensure(other.size);
            System.arraycopy(other.data, 0, data, size, other.size);
            size += other.size;
        }

        void copy(MemorySegment src, long offset, long length) throws ModelIOException {
            ensure(length);
            MemorySegment.copy(src, ValueLayout.JAVA_BYTE, offset, data, size, (int) length);
            size += (int) length;
        }

        byte[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
