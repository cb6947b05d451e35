package dev.loupe.app.main;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/// The most recently opened models, newest first, kept in the user's preferences (`java.util.prefs`).
public final class RecentFiles {

    /// How many files are remembered.
    public static final int LIMIT = 10;
    private static final String KEY = "recent.";

    private final Preferences node;

    /// Recent files kept under `node`.
    public RecentFiles(Preferences node) {
        this.node = node;
    }

    /// The application's own list.
    public static RecentFiles userDefault() {
        return new RecentFiles(Preferences.userRoot().node("dev/loupe/app"));
    }

    public List<Path> list() {
        var out = new ArrayList<Path>();
        for (int i = 0; i < LIMIT; i++) {
            var v = node.get(KEY + i, null);
            if (v != null) {
                out.add(Path.of(v));
            }
        }
        return out;
    }

    /// Puts `file` first, dropping an older entry for it and the oldest beyond the limit; returns the new list.
    public List<Path> add(Path file) {
        var abs = file.toAbsolutePath().normalize();
        var list = list();
        list.remove(abs);
        list.addFirst(abs);
        write(list.subList(0, Math.min(LIMIT, list.size())));
        return list();
    }

    /// Forgets `file`; returns the new list.
    public List<Path> remove(Path file) {
        var list = list();
        list.remove(file);
        write(list);
        return list();
    }

    private void write(List<Path> list) {
        for (int i = 0; i < LIMIT; i++) {
            if (i < list.size()) {
                node.put(KEY + i, list.get(i).toString());
            } else {
                node.remove(KEY + i);
            }
        }
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Preferences are a convenience: the list still lives in memory for this session.
        }
    }
}
