package dev.loupe.model.io;

import dev.loupe.model.Model;
import dev.loupe.model.StringEntry;
import dev.loupe.model.TensorData;
import dev.loupe.model.TensorStorage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/// Writes a [Model] to a `.onnx` file, atomically: everything goes to temporary files beside the target,
/// which are flushed to disk and then renamed over the target, so a failed save never damages an existing
/// file. Tensors the model reads from a mapping of the target are safe: the old file stays readable until
/// the model is closed.
public final class ModelWriter {

    /// Payloads of at least this many bytes move to the external file when [Options#externalData] is set.
    public static final long DEFAULT_EXTERNAL_THRESHOLD = 1024;

    private static final long ALIGNMENT = 64;
    private static final long INLINE_LIMIT = (1L << 31) - (1L << 20);

    /// How to save.
    ///
    /// @param externalData the external data file name (relative to the target's folder) to move every
    ///                     tensor of at least `threshold` bytes into, or `null` to keep each tensor where it
    ///                     was: inline tensors inline, externally stored ones in `<target>.data`
    public record Options(String externalData, long threshold) {
        public static Options keepLayout() {
            return new Options(null, DEFAULT_EXTERNAL_THRESHOLD);
        }

        public static Options externalData(String fileName) {
            return new Options(fileName, DEFAULT_EXTERNAL_THRESHOLD);
        }
    }

    private ModelWriter() {
    }

    public static void write(Model model, Path target) throws ModelIOException {
        write(model, target, Options.keepLayout());
    }

    public static void write(Model model, Path target, Options options) throws ModelIOException {
        var absolute = target.toAbsolutePath();
        var dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ModelIOException("cannot save to '" + target + "': its folder does not exist");
        }
        String dataName = options.externalData() != null ? options.externalData() : absolute.getFileName() + ".data";
        checkDataName(dataName);
        Path modelTemp = null;
        Path dataTemp = null;
        try {
            dataTemp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".data.tmp");
            var data = new DataFile(dataTemp, dataName, options);
            try (data) {
                var proto = new ModelToProto(data::place).model(model);
                if (data.inlineBytes > INLINE_LIMIT) {
                    throw new ModelIOException("the model's inline weights exceed 2 GB: save with external data");
                }
                modelTemp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
                try (var channel = FileChannel.open(modelTemp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                     OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                    proto.writeTo(out);
                    out.flush();
                    channel.force(true);
                }
            }
            if (data.written > 0) {
                move(dataTemp, dir.resolve(dataName));
            } else {
                Files.deleteIfExists(dataTemp);
            }
            dataTemp = null;
            move(modelTemp, absolute);
            modelTemp = null;
        } catch (IOException e) {
            if (e instanceof ModelIOException m) {
                throw m;
            }
            throw new ModelIOException("cannot save '" + target + "': " + e.getMessage(), e);
        } finally {
            deleteQuietly(modelTemp);
            deleteQuietly(dataTemp);
        }
    }

    /// The model serialized in memory, every tensor inline (for comparisons and small models).
    ///
    /// @throws ModelIOException when the model is too large to serialize in one array
    public static byte[] toBytes(Model model) throws ModelIOException {
        var proto = new ModelToProto(t -> null).model(model);
        if (proto.getSerializedSize() < 0) {
            throw new ModelIOException("the model is over 2 GB and cannot be held in memory: save it with external data");
        }
        return proto.toByteArray();
    }

    private static void checkDataName(String name) throws ModelIOException {
        var p = Path.of(name);
        if (p.isAbsolute() || p.getNameCount() != 1 || name.equals("..") || name.equals(".")) {
            throw new ModelIOException("external data file '" + name + "' must be a plain file name in the model's folder");
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // A leftover temporary file is harmless; the save's own outcome has been reported.
            }
        }
    }

    /// The external data file being written, and the decision of which tensors go into it.
    private static final class DataFile implements AutoCloseable {
        private final FileChannel channel;
        private final String name;
        private final Options options;
        private long written;
        private long inlineBytes;

        DataFile(Path temp, String name, Options options) throws IOException {
            this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            this.name = name;
            this.options = options;
        }

        List<StringEntry> place(TensorData t) throws ModelIOException {
            long size = t.byteSize();
            boolean external = options.externalData() != null
                    ? size >= options.threshold()
                    : t.storage() instanceof TensorStorage.External;
            if (!external) {
                inlineBytes += size;
                return null;
            }
            try {
                long offset = (written + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
                var bytes = t.bytes();
                long pos = offset;
                for (long chunk = 0; chunk < size; chunk += 1 << 30) {
                    var buffer = bytes.asSlice(chunk, Math.min(1 << 30, size - chunk)).asByteBuffer();
                    while (buffer.hasRemaining()) {
                        pos += channel.write(buffer, pos);
                    }
                }
                written = Math.max(written, pos);
                var entries = new ArrayList<StringEntry>();
                entries.add(new StringEntry("location", name));
                entries.add(new StringEntry("offset", Long.toString(offset)));
                entries.add(new StringEntry("length", Long.toString(size)));
                return entries;
            } catch (IOException e) {
                throw new ModelIOException("cannot write external data for tensor '" + t.name() + "': " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                channel.force(true);
            } finally {
                channel.close();
            }
        }
    }
}
