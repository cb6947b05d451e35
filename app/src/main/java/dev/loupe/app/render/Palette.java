package dev.loupe.app.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/// The diagram's colours for one theme, as ARGB integers, read from the looked-up colours (`-loupe-*`) that
/// the application's style sheet defines on `.root` (light) and `.root.dark` (dark overrides).
///
/// Reading the sheet directly, instead of through the JavaFX CSS engine, lets headless exports use the very
/// same colours without starting JavaFX. Immutable.
public final class Palette {

    /// The application's style sheet, on the class path.
    public static final String STYLESHEET = "/dev/loupe/app/loupe.css";

    private static final Pattern BLOCK = Pattern.compile("(\\.root(?:\\.dark)?)\\s*\\{([^}]*)}");
    private static final Pattern ENTRY = Pattern.compile("-loupe-([a-z-]+)\\s*:\\s*#([0-9a-fA-F]{6,8})\\s*;");
    private static final Map<Theme, Palette> CACHE = new EnumMap<>(Theme.class);
    private static final int FALLBACK = 0xFF808080;

    private final Theme theme;
    private final Map<String, Integer> colors;

    private Palette(Theme theme, Map<String, Integer> colors) {
        this.theme = theme;
        this.colors = Map.copyOf(colors);
    }

    /// The palette of `theme` (read once).
    public static synchronized Palette of(Theme theme) {
        return CACHE.computeIfAbsent(theme, Palette::read);
    }

    public Theme theme() {
        return theme;
    }

    /// The colour `-loupe-<name>`, grey when the sheet lacks it.
    public int color(String name) {
        return colors.getOrDefault(name, FALLBACK);
    }

    /// The colour of a category style class (`layer`, `group`, `input`...).
    public int category(String styleClass) {
        var c = colors.get("cat-" + styleClass);
        return c != null ? c : color("cat-other");
    }

    public int canvas() {
        return color("canvas");
    }

    private static Palette read(Theme theme) {
        String css;
        try (InputStream in = Palette.class.getResourceAsStream(STYLESHEET)) {
            if (in == null) {
                throw new IllegalStateException("style sheet " + STYLESHEET + " is missing from the application");
            }
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var light = new HashMap<String, Integer>();
        var dark = new HashMap<String, Integer>();
        var blocks = BLOCK.matcher(css.replaceAll("/\\*.*?\\*/", ""));
        while (blocks.find()) {
            var target = blocks.group(1).equals(".root") ? light : dark;
            var entries = ENTRY.matcher(blocks.group(2));
            while (entries.find()) {
                target.put(entries.group(1), parse(entries.group(2)));
            }
        }
        if (theme == Theme.DARK) {
            light.putAll(dark);
        }
        return new Palette(theme, light);
    }

    /// `rrggbb` or `rrggbbaa` as ARGB.
    static int parse(String hex) {
        long v = Long.parseLong(hex, 16);
        return hex.length() == 6 ? (int) (0xFF000000L | v) : (int) (((v & 0xFF) << 24) | (v >>> 8));
    }
}
