package dev.loupe.app.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.schema.Category;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PaletteTest {

    @Test
    void readsLightColoursAndDarkOverridesFromTheStyleSheet() {
        var light = Palette.of(Theme.LIGHT);
        var dark = Palette.of(Theme.DARK);
        assertThat(light.canvas()).isEqualTo(0xFFF6F7F9);
        assertThat(dark.canvas()).isEqualTo(0xFF1B1D21);
        assertThat(dark.category("layer")).isEqualTo(light.category("layer"));
        assertThat(Palette.parse("11223344")).isEqualTo(0x44112233);
    }

    @Test
    void everyOperatorCategoryHasItsOwnColour() {
        var light = Palette.of(Theme.LIGHT);
        for (var c : Category.values()) {
            var cls = c.name().toLowerCase(Locale.ROOT);
            if (c != Category.OTHER) {
                assertThat(light.category(cls)).as(cls).isNotEqualTo(light.category("other"));
            }
        }
    }
}
