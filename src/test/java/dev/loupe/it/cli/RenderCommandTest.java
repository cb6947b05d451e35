package dev.loupe.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `loupe render` draws real exports headless.
class RenderCommandTest {

    static final Path CNN = Path.of("../src/test/resources/fixtures/torch_cnn_bn/model.onnx");

    @TempDir
    Path dir;

    @Test
    void pngOfARealExport() throws Exception {
        var png = dir.resolve("cnn.png");
        var run = CliRun.of("render", CNN.toString(), "--png", png.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        var image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(run.out()).contains(image.getWidth() + " x " + image.getHeight());
        assertThat(image.getWidth()).isGreaterThan(100);
        assertThat(image.getHeight()).isGreaterThan(image.getWidth());
        long distinct = java.util.stream.IntStream.range(0, image.getHeight()).flatMap(y ->
                java.util.stream.IntStream.range(0, image.getWidth()).map(x -> image.getRGB(x, y))).distinct().limit(10).count();
        assertThat(distinct).as("not a blank image").isGreaterThan(3);
    }

    @Test
    void svgOfARealExport() throws Exception {
        var svg = dir.resolve("cnn.svg");
        var run = CliRun.of("render", CNN.toString(), "--svg", svg.toString(), "--dark");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(svg)).startsWith("<?xml").contains("<svg").contains("Conv").contains("BatchNormalization");
    }

    @Test
    void needsExactlyOneTarget() {
        assertThat(CliRun.of("render", CNN.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("render", CNN.toString(), "--png", "a.png", "--svg", "b.svg").exitCode()).isEqualTo(2);
    }
}
