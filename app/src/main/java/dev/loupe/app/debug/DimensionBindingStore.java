package dev.loupe.app.debug;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/// Remembers the sizes bound to a model's symbolic dimensions between sessions, per model file, in the
/// user's preferences (`java.util.prefs`). A model is known by its absolute path; dimension names longer
/// than a preference key allows are hashed.
public final class DimensionBindingStore {

    private static final int MAX_KEY = Preferences.MAX_KEY_LENGTH - 4;

    private final Preferences root;

    /// Bindings kept under `root`, one child node per model.
    public DimensionBindingStore(Preferences root) {
        this.root = root;
    }

    /// The application's own store.
    public static DimensionBindingStore userDefault() {
        return new DimensionBindingStore(Preferences.userRoot().node("dev/loupe/app/dimensions"));
    }

    /// The size remembered for dimension `dim` of the model at `model`, if any.
    public OptionalInt get(Path model, String dim) {
        if (model == null) {
            return OptionalInt.empty();
        }
        int v = node(model).getInt(key(dim), -1);
        return v > 0 ? OptionalInt.of(v) : OptionalInt.empty();
    }

    /// Remembers `size` for dimension `dim` of the model at `model`.
    public void put(Path model, String dim, int size) {
        if (model == null) {
            return;
        }
        var node = node(model);
        node.putInt(key(dim), size);
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // A convenience only: the binding still holds for this session.
        }
    }

    private Preferences node(Path model) {
        return root.node(hash(model.toAbsolutePath().normalize().toString()).substring(0, 32));
    }

    private static String key(String dim) {
        return dim.length() <= MAX_KEY ? dim : "#" + hash(dim).substring(0, 40);
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
