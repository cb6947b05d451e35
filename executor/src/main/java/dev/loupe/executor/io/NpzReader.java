package dev.loupe.executor.io;

import dev.loupe.executor.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/// Reads NumPy `.npz` archives (what `numpy.savez` and `savez_compressed` write): a zip file of `.npy`
/// members, each an array named by its member name without `.npy`. The zip layer is the JDK's; see
/// [NpyReader] for why the arrays are parsed by Loupe itself.
public final class NpzReader {

    private NpzReader() {
    }

    /// The archive's arrays by name, in the archive's order.
    public static Map<String, Tensor> read(Path file) throws ValueFileException {
        if (!Files.isRegularFile(file)) {
            throw ValueFileException.of(file, "no such file");
        }
        var out = new LinkedHashMap<String, Tensor>();
        try (var zip = new ZipFile(file.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                var e = entries.nextElement();
                if (e.isDirectory() || !e.getName().endsWith(".npy")) {
                    continue;
                }
                var name = e.getName().substring(0, e.getName().length() - 4);
                byte[] bytes;
                try (var in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                out.put(name, NpyReader.read(bytes, file.getFileName() + "[" + name + "]"));
            }
        } catch (ZipException e) {
            throw ValueFileException.of(file, "not a valid .npz archive (" + e.getMessage() + ")");
        } catch (ValueFileException e) {
            throw e;
        } catch (IOException e) {
            throw ValueFileException.of(file, "cannot read: " + e.getMessage());
        }
        return out;
    }
}
