package dev.loupe.app.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.TestModels;
import dev.loupe.app.bench.SyntheticModels;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphRendererTest {

    @TempDir
    Path dir;

    @Test
    void rendersConvTransposeToPngOfTheComputedSize() throws Exception {
        try (var model = TestModels.read("pytorch-converted/test_ConvTranspose2d")) {
            var out = dir.resolve("convt.png");
            var result = GraphRenderer.renderPng(model, out, RenderOptions.defaults());
            var image = ImageIO.read(out.toFile());
            assertThat(image.getWidth()).isEqualTo(result.width());
            assertThat(image.getHeight()).isEqualTo(result.height());
            assertThat(result.boxes()).isGreaterThanOrEqualTo(3);
            assertThat(distinctColours(image)).isGreaterThan(5);
        }
    }

    @Test
    void rendersSvgWithEveryOperator() throws Exception {
        try (var model = TestModels.read("node/test_loop11")) {
            var out = dir.resolve("loop.svg");
            GraphRenderer.renderSvg(model, out, RenderOptions.defaults().withTheme(Theme.DARK));
            var svg = Files.readString(out);
            assertThat(svg).startsWith("<?xml").contains("<svg").contains(">Loop</text>").endsWith("</svg>\n");
        }
    }

    @Test
    void largeGraphRendersGroupedAndWithinThePixelBudget() throws Exception {
        var model = SyntheticModels.blocks(2000);
        var layout = GraphRenderer.layout(model, RenderOptions.defaults());
        assertThat(layout.nodeCount()).isLessThan(2100);
        var out = dir.resolve("big.png");
        var result = GraphRenderer.writePng(layout, out, RenderOptions.defaults().withMaxPixels(4_000_000));
        assertThat((long) result.width() * result.height()).isLessThanOrEqualTo(4_100_000);
        assertThat(ImageIO.read(out.toFile()).getHeight()).isEqualTo(result.height());
    }

    private static int distinctColours(java.awt.image.BufferedImage image) {
        var seen = new java.util.HashSet<Integer>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
