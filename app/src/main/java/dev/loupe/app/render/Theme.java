package dev.loupe.app.render;

/// The two colour themes of the style sheet.
public enum Theme {
    LIGHT, DARK;

    /// The style class the root node carries for this theme, or `null` for the default (light) one.
    public String styleClass() {
        return this == DARK ? "dark" : null;
    }
}
