package dev.loupe.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.bench.SyntheticModels;
import dev.loupe.app.main.MainView;
import dev.loupe.app.main.MainViewModel;
import dev.loupe.app.main.RecentFiles;
import dev.loupe.model.io.ModelWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/// Takes the README's screenshot of the real window with a model open and a node selected. Writes it to
/// `docs/screenshot.png` at the repository root when `-Dloupe.screenshot=true` is given, else to
/// `target/screenshot.png`.
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {

    private MainView view;
    private MainViewModel vm;
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        vm = new MainViewModel(new RecentFiles(Preferences.userRoot().node("dev/loupe/test/shot")));
        view = MainView.install(vm, s, null);
        s.setWidth(1400);
        s.setHeight(860);
        s.show();
    }

    @Test
    void savesAScreenshotOfTheWindow(FxRobot robot) throws Exception {
        var model = Files.createTempDirectory("loupe-shot").resolve("residual_mlp.onnx");
        ModelWriter.write(SyntheticModels.blocks(6), model);
        robot.interact(() -> vm.open(model));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.getDocument() != null && !vm.tasks().busyProperty().get());
        robot.interact(() -> {
            var d = vm.diagram().getLevel().diagram();
            for (int i = 0; i < d.nodes().size(); i++) {
                if (d.node(i).key().equals("n:12")) {
                    vm.diagram().focus(i);
                    break;
                }
            }
            view.graphView().zoomBy(0.9);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        var image = new BufferedImage[1];
        robot.interact(() -> {
            var fx = stage.getScene().snapshot(null);
            int w = (int) fx.getWidth();
            int h = (int) fx.getHeight();
            var argb = new int[w * h];
            fx.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
            image[0] = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            image[0].setRGB(0, 0, w, h, argb, 0, w);
        });
        var out = Boolean.getBoolean("loupe.screenshot") ? repositoryRoot().resolve("docs/screenshot.png")
                : Path.of("target/screenshot.png");
        Files.createDirectories(out.getParent());
        ImageIO.write(image[0], "png", out.toFile());
        assertThat(ImageIO.read(out.toFile()).getWidth()).isGreaterThan(1000);
    }

    private static Path repositoryRoot() {
        var dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("").toAbsolutePath() : dir;
    }
}
