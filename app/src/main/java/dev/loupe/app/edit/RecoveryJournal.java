package dev.loupe.app.edit;

import dev.loupe.model.Model;
import dev.loupe.model.io.ModelIOException;
import dev.loupe.model.io.ModelWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/// Unsaved edits kept safe from a crash: after each edit the window writes the edited model to a folder
/// beside the user's settings (never beside their model), and removes it once the edits are saved or
/// deliberately discarded. What is left there at start-up was lost by a crash and can be recovered.
///
/// One entry per model file: `ID.onnx` (the edited model, written atomically) and `ID.properties` (the
/// original path, when, how many edits, the last one), where `ID` is derived from the original path.
/// Models whose weights exceed [#MAX_BYTES] are not journaled (writing them after every edit would stall
/// editing); [#accepts(Model)] says so beforehand.
///
/// Methods do file I/O: call them off the FX thread, one at a time.
public final class RecoveryJournal {

    /// Models with more bytes of initializers than this are not journaled.
    public static final long MAX_BYTES = 64L << 20;

    /// An unsaved state of `original` found in the journal.
    ///
    /// @param snapshot the edited model as last journaled
    /// @param edits how many edits separate it from the file
    /// @param lastEdit the description of the latest edit
    public record Entry(Path original, Path snapshot, Instant savedAt, int edits, String lastEdit) {
    }

    private final Path dir;

    public RecoveryJournal(Path dir) {
        this.dir = dir;
    }

    /// The journal in `$XDG_CONFIG_HOME/loupe/recovery` (or `~/.config/loupe/recovery`); the system property
    /// `loupe.config.dir` replaces `…/loupe` (tests point it at a scratch folder).
    public static RecoveryJournal userDefault() {
        var configured = System.getProperty("loupe.config.dir");
        Path base;
        if (configured != null && !configured.isBlank()) {
            base = Path.of(configured);
        } else {
            var xdg = System.getenv("XDG_CONFIG_HOME");
            base = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config")).resolve("loupe");
        }
        return new RecoveryJournal(base.resolve("recovery"));
    }

    public Path directory() {
        return dir;
    }

    /// Whether `model` is small enough to be journaled.
    public static boolean accepts(Model model) {
        long bytes = 0;
        for (var v : model.graph().initializers()) {
            bytes += v.initializer().byteSize();
        }
        return bytes <= MAX_BYTES;
    }

    /// Records `model`, the edited state of `original`, replacing any earlier entry for it.
    ///
    /// @throws IOException when the journal folder cannot be written
    public void write(Model model, Path original, List<String> edits) throws IOException {
        Files.createDirectories(dir);
        var id = idOf(original);
        try {
            ModelWriter.write(model, dir.resolve(id + ".onnx"));
        } catch (ModelIOException e) {
            throw new IOException(e.getMessage(), e);
        }
        var props = new Properties();
        props.setProperty("original", original.toAbsolutePath().normalize().toString());
        props.setProperty("savedAt", Instant.now().toString());
        props.setProperty("edits", Integer.toString(edits.size()));
        props.setProperty("lastEdit", edits.isEmpty() ? "" : edits.getLast());
        var tmp = dir.resolve(id + ".properties.tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            props.store(w, "Loupe recovery entry");
        }
        move(tmp, dir.resolve(id + ".properties"));
    }

    /// Forgets the entry for `original`, if any.
    public void discard(Path original) throws IOException {
        var id = idOf(original);
        Files.deleteIfExists(dir.resolve(id + ".properties"));
        Files.deleteIfExists(dir.resolve(id + ".onnx"));
    }

    /// The entries left in the journal, newest first; unreadable ones are skipped.
    public List<Entry> pending() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        var entries = new ArrayList<Entry>();
        try (var files = Files.list(dir)) {
            for (var file : files.filter(f -> f.getFileName().toString().endsWith(".properties")).toList()) {
                read(file).ifPresent(entries::add);
            }
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
        entries.sort(Comparator.comparing(Entry::savedAt).reversed());
        return entries;
    }

    private java.util.Optional<Entry> read(Path file) {
        var name = file.getFileName().toString();
        var snapshot = file.resolveSibling(name.substring(0, name.length() - ".properties".length()) + ".onnx");
        var props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
            if (!Files.isRegularFile(snapshot) || props.getProperty("original") == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Entry(Path.of(props.getProperty("original")), snapshot,
                    Instant.parse(props.getProperty("savedAt")), Integer.parseInt(props.getProperty("edits", "0")),
                    props.getProperty("lastEdit", "")));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static String idOf(Path original) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(original.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
