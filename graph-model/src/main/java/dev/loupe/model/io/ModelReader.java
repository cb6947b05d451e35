package dev.loupe.model.io;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.loupe.model.Model;
import dev.loupe.model.io.proto.OnnxProtos.ModelProto;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/// Reads `.onnx` files into the neutral [Model].
///
/// The file is memory-mapped; tensor payloads of 1 KiB or more stay in the mapping (and external data in
/// its own mappings) instead of being copied onto the Java heap. The returned model owns those mappings:
/// close it when done. Every failure is a [ModelIOException] with a one-line reason; nothing outside the
/// model's folder is read.
public final class ModelReader {

    private ModelReader() {
    }

    /// Reads the model at `path`, resolving external data relative to its folder.
    public static Model read(Path path) throws ModelIOException {
        if (!Files.exists(path)) {
            throw new ModelIOException("'" + path + "' does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelIOException("'" + path + "' is not a file");
        }
        var arena = Arena.ofShared();
        try (var channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                throw new ModelIOException("'" + path.getFileName() + "' is empty");
            }
            var file = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            var dir = path.toAbsolutePath().getParent();
            var model = decode(file, new ExternalDataResolver(dir, arena));
            model.attachSource(path, arena::close);
            return model;
        } catch (NoSuchFileException e) {
            arena.close();
            throw new ModelIOException("'" + path + "' does not exist");
        } catch (IOException e) {
            arena.close();
            if (e instanceof ModelIOException m) {
                throw m;
            }
            throw new ModelIOException("cannot read '" + path + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            arena.close();
            throw new ModelIOException("not a valid ONNX model: " + oneLine(e), e);
        }
    }

    /// Parses a model held in memory. External data cannot be resolved without a folder and is refused.
    public static Model parse(byte[] bytes) throws ModelIOException {
        try {
            return decode(MemorySegment.ofArray(bytes), null);
        } catch (RuntimeException e) {
            throw new ModelIOException("not a valid ONNX model: " + oneLine(e), e);
        }
    }

    private static Model decode(MemorySegment file, ExternalDataResolver resolver) throws ModelIOException {
        var stripped = LazyTensorScanner.strip(file);
        ModelProto proto;
        try {
            var input = CodedInputStream.newInstance(stripped.bytes());
            input.setSizeLimit(Integer.MAX_VALUE);
            proto = ModelProto.parseFrom(input);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelIOException("not a valid ONNX model: the bytes are not a serialized ModelProto (" + oneLine(e) + ")");
        } catch (IOException e) {
            throw new ModelIOException("not a valid ONNX model: " + oneLine(e));
        }
        if (!proto.hasGraph()) {
            throw new ModelIOException(proto.hasIrVersion() || proto.getOpsetImportCount() > 0
                    ? "the model has no graph" : "not an ONNX model (no graph and no IR version)");
        }
        return new ProtoToModel(file, resolver).model(proto);
    }

    static String oneLine(Throwable e) {
        var msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }
}
