package dev.loupe.model.io;

import dev.loupe.model.StringEntry;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// Finds and maps the external data files a model's tensors refer to.
///
/// A location must be a relative path that stays inside the model's folder after symbolic links are
/// followed; anything else (absolute paths, `..`, links leading out) is refused before any byte is read.
/// Each file is mapped read-only once, in the arena given at construction; tensors receive slices of it.
final class ExternalDataResolver {

    private final Path modelDir;
    private final Arena arena;
    private final Map<Path, MemorySegment> mapped = new HashMap<>();
    private Path realModelDir;

    /// @param modelDir the folder holding the model file, or `null` when the model was not read from a file
    ExternalDataResolver(Path modelDir, Arena arena) {
        this.modelDir = modelDir;
        this.arena = arena;
    }

    /// The bytes of one tensor's external data, checked against the size its type and shape need.
    MemorySegment resolve(String tensorName, List<StringEntry> entries, long expectedBytes) throws ModelIOException {
        String location = null;
        long offset = 0;
        long length = -1;
        for (var e : entries) {
            switch (e.key()) {
                case "location" -> location = e.value();
                case "offset" -> offset = parseNumber(tensorName, "offset", e.value());
                case "length" -> length = parseNumber(tensorName, "length", e.value());
                default -> { }
            }
        }
        if (location == null || location.isEmpty()) {
            throw new ModelIOException("tensor '" + tensorName + "' is stored externally but names no location");
        }
        if (modelDir == null) {
            throw new ModelIOException("tensor '" + tensorName + "' is stored in external file '" + location
                    + "', but the model was not read from a folder");
        }
        var file = checkedPath(tensorName, location);
        var segment = map(tensorName, location, file);
        long available = segment.byteSize();
        if (length < 0) {
            length = expectedBytes;
        }
        if (offset > available || length > available - offset) {
            throw new ModelIOException("tensor '" + tensorName + "' needs bytes " + offset + ".." + (offset + length)
                    + " of '" + location + "', which has only " + available + " bytes");
        }
        if (length != expectedBytes) {
            throw new ModelIOException("tensor '" + tensorName + "' declares " + length + " bytes of external data but its type and shape need "
                    + expectedBytes);
        }
        return segment.asSlice(offset, length).asReadOnly();
    }

    private Path checkedPath(String tensorName, String location) throws ModelIOException {
        Path relative;
        try {
            relative = Path.of(location);
        } catch (InvalidPathException e) {
            throw new ModelIOException("tensor '" + tensorName + "': external data location '" + location + "' is not a valid path");
        }
        if (relative.isAbsolute() || location.startsWith("/") || location.startsWith("\\")) {
            throw new ModelIOException("tensor '" + tensorName + "': external data location '" + location
                    + "' is absolute; only paths inside the model's folder are allowed");
        }
        for (var part : relative) {
            if (part.toString().equals("..")) {
                throw new ModelIOException("tensor '" + tensorName + "': external data location '" + location
                        + "' leaves the model's folder");
            }
        }
        try {
            if (realModelDir == null) {
                realModelDir = modelDir.toRealPath();
            }
            var candidate = modelDir.resolve(relative);
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                throw new ModelIOException("tensor '" + tensorName + "': external data file '" + location + "' does not exist");
            }
            var real = candidate.toRealPath();
            if (!real.startsWith(realModelDir)) {
                throw new ModelIOException("tensor '" + tensorName + "': external data location '" + location
                        + "' leads outside the model's folder");
            }
            if (!Files.isRegularFile(real)) {
                throw new ModelIOException("tensor '" + tensorName + "': external data location '" + location + "' is not a regular file");
            }
            return real;
        } catch (IOException e) {
            if (e instanceof ModelIOException m) {
                throw m;
            }
            throw new ModelIOException("tensor '" + tensorName + "': cannot open external data '" + location + "': " + e.getMessage());
        }
    }

    private MemorySegment map(String tensorName, String location, Path file) throws ModelIOException {
        var existing = mapped.get(file);
        if (existing != null) {
            return existing;
        }
        try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
            var segment = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            mapped.put(file, segment);
            return segment;
        } catch (IOException e) {
            throw new ModelIOException("tensor '" + tensorName + "': cannot read external data '" + location + "': " + e.getMessage());
        }
    }

    private static long parseNumber(String tensorName, String key, String text) throws ModelIOException {
        try {
            long v = Long.parseLong(text.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ModelIOException("tensor '" + tensorName + "': external data " + key + " '" + text + "' is not a valid number");
        }
    }
}
