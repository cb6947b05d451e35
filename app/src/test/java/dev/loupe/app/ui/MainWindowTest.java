package dev.loupe.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.TestModels;
import dev.loupe.app.bench.SyntheticModels;
import dev.loupe.app.diagram.DiagramNode;
import dev.loupe.app.inspect.PropertyRow;
import dev.loupe.app.main.MainView;
import dev.loupe.app.main.MainViewModel;
import dev.loupe.app.main.RecentFiles;
import dev.loupe.app.render.GraphRenderer;
import dev.loupe.app.render.RenderOptions;
import dev.loupe.model.io.ModelWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/// Drives the real main window on the headless platform.
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @TempDir
    Path dir;

    private MainView view;
    private MainViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new MainViewModel(new RecentFiles(Preferences.userRoot().node("dev/loupe/test/" + System.nanoTime())));
        view = MainView.install(vm, stage, null);
        stage.show();
    }

    @AfterEach
    void closeModel(FxRobot robot) {
        robot.interact(() -> vm.close());
    }

    @Test
    void opensAModelAndDrawsItsGraph(FxRobot robot) throws Exception {
        open(robot, TestModels.path("node/test_loop11"));
        assertThat(view.graphView().getLayout().nodeCount()).isEqualTo(6);
        assertThat(vm.statusProperty().get()).contains("model.onnx").contains("nodes");
        assertThat(vm.recentFiles()).first().isEqualTo(TestModels.path("node/test_loop11").toAbsolutePath().normalize());
        assertThat(robot.lookup("#model-table").queryAs(TableView.class).getItems()).isNotEmpty();
    }

    @Test
    void searchesAndJumpsToTheResult(FxRobot robot) throws Exception {
        var file = write(SyntheticModels.blocks(400));
        open(robot, file);
        robot.clickOn("#searchField").write("blocks.123/act");
        waitFor(() -> !vm.search().results().isEmpty());
        robot.type(javafx.scene.input.KeyCode.ENTER);
        waitFor(() -> vm.diagram().selectedItemProperty().get() != null);
        var selected = vm.diagram().selectedItemProperty().get();
        assertThat(selected.kind()).isEqualTo(DiagramNode.Kind.OPERATOR);
        assertThat(selected.node().name()).isEqualTo("/blocks.123/act/Relu");
        assertThat(rows()).anyMatch(r -> r.name().equals("op type") && r.value().equals("Relu"));
    }

    @Test
    void clickingANodeShowsItsProperties(FxRobot robot) throws Exception {
        open(robot, TestModels.path("pytorch-converted/test_ConvTranspose2d"));
        int box = boxWithTitle("ConvTranspose");
        var g = view.graphView();
        robot.clickOn(g.localToScreen(g.boxCenterOnScreen(box)));
        waitFor(() -> vm.diagram().getSelectedBox() == box);
        assertThat(rows()).anyMatch(r -> r.name().equals("op type") && r.value().equals("ConvTranspose"));
        assertThat(rows()).anyMatch(r -> r.name().startsWith("kernel_shape") && r.value().equals("3, 3"));
        assertThat(rows()).anyMatch(r -> r.name().equals("since version") && r.value().startsWith("11") || r.value().startsWith("1"));
        assertThat(vm.properties().docUrlProperty().get()).isEqualTo("https://onnx.ai/onnx/operators/onnx__ConvTranspose.html");
    }

    @Test
    void expandsAndCollapsesAGroup(FxRobot robot) throws Exception {
        var file = write(SyntheticModels.blocks(400));
        open(robot, file);
        var level = vm.diagram().getLevel();
        assertThat(level.grouping().collapsed()).isNotEmpty();
        int group = boxWithTitle("blocks.7");
        int before = level.layout().nodeCount();
        var g = view.graphView();
        robot.interact(() -> g.centerOnBox(group));
        robot.clickOn(g.localToScreen(g.boxCenterOnScreen(group)));
        waitFor(() -> vm.diagram().getSelectedBox() == group);
        robot.type(javafx.scene.input.KeyCode.ENTER);
        waitFor(() -> vm.diagram().getLevel().layout().nodeCount() == before + SyntheticModels.NODES_PER_BLOCK - 1);
        int relu = boxWithTitle("Relu");
        robot.interact(() -> vm.diagram().select(relu));
        robot.interact(() -> vm.diagram().collapseSelection());
        waitFor(() -> vm.diagram().getLevel().layout().nodeCount() == before);
    }

    @Test
    void entersALoopBodyAndComesBack(FxRobot robot) throws Exception {
        open(robot, TestModels.path("node/test_loop11"));
        int loop = boxWithTitle("Loop");
        var g = view.graphView();
        // Enter opens the selected box, as a double-click does (a robot's double-click is timing-sensitive).
        robot.clickOn(g.localToScreen(g.boxCenterOnScreen(loop)));
        waitFor(() -> vm.diagram().getSelectedBox() == loop);
        robot.type(javafx.scene.input.KeyCode.ENTER);
        waitFor(() -> vm.diagram().levels().size() == 2);
        assertThat(vm.diagram().getLevel().title()).contains("body");
        assertThat(vm.diagram().getLevel().layout().nodeCount()).isGreaterThan(3);
        robot.clickOn("#breadcrumb-0");
        waitFor(() -> vm.diagram().levels().size() == 1);
        assertThat(vm.diagram().getLevel().layout().nodeCount()).isEqualTo(6);
    }

    @Test
    void arrowKeysFollowTheDataFlowAndTheThemeToggles(FxRobot robot) throws Exception {
        open(robot, write(SyntheticModels.blocks(3)));
        int relu = boxWithTitle("Relu");
        var g = view.graphView();
        robot.interact(() -> g.centerOnBox(relu));
        robot.clickOn(g.localToScreen(g.boxCenterOnScreen(relu)));
        waitFor(() -> vm.diagram().getSelectedBox() == relu);
        robot.type(javafx.scene.input.KeyCode.DOWN);
        waitFor(() -> vm.diagram().getSelectedBox() != relu);
        assertThat(vm.diagram().selectedItemProperty().get().node().name()).isEqualTo("/blocks.0/fc2/MatMul");
        robot.type(javafx.scene.input.KeyCode.UP);
        waitFor(() -> vm.diagram().getSelectedBox() == relu);

        robot.interact(() -> vm.darkThemeProperty().set(true));
        assertThat(g.getScene().getRoot().getStyleClass()).contains("dark");
        robot.interact(() -> vm.darkThemeProperty().set(false));
        assertThat(g.getScene().getRoot().getStyleClass()).doesNotContain("dark");
    }

    @Test
    void entersAModelLocalFunctionBody(FxRobot robot) throws Exception {
        open(robot, write(TestModels.withLocalFunction()));
        int call = boxWithTitle("Swish");
        assertThat(vm.diagram().getLevel().diagram().node(call).styleClass()).isEqualTo("function");
        robot.interact(() -> vm.diagram().select(call));
        robot.interact(() -> vm.diagram().open(call));
        waitFor(() -> vm.diagram().levels().size() == 2);
        assertThat(vm.diagram().getLevel().title()).contains("Swish");
        assertThat(vm.diagram().getLevel().diagram().nodes()).extracting(DiagramNode::title).contains("Sigmoid", "Mul");
        robot.interact(() -> vm.diagram().goTo(0));
        assertThat(vm.diagram().levels()).hasSize(1);
    }

    @Test
    void opensTheTensorViewerForAWeight(FxRobot robot) throws Exception {
        open(robot, TestModels.path("pytorch-converted/test_ConvTranspose2d"));
        int box = boxWithTitle("ConvTranspose");
        robot.interact(() -> vm.diagram().select(box));
        TableView<?> table = robot.lookup("#properties-table").queryAs(TableView.class);
        int row = -1;
        for (int i = 0; i < table.getItems().size(); i++) {
            if (((PropertyRow) table.getItems().get(i)).tensor() != null) {
                row = i;
                break;
            }
        }
        int weightRow = row;
        assertThat(weightRow).isNotNegative();
        robot.interact(() -> table.getSelectionModel().select(weightRow));
        robot.clickOn("#open-tensor");
        waitFor(() -> robot.lookup("#stat-mean").tryQuery().isPresent());
        Label mean = robot.lookup("#stat-mean").queryAs(Label.class);
        assertThat(mean.getText()).isNotBlank();
        assertThat(robot.lookup("#stat-NaN").queryAs(Label.class).getText()).isEqualTo("0");
        robot.interact(() -> mean.getScene().getWindow().hide());
    }

    @Test
    void exportsAPngOfTheExpectedSize(FxRobot robot) throws Exception {
        open(robot, TestModels.path("node/test_loop11"));
        var out = dir.resolve("loop.png");
        robot.interact(() -> vm.export(out, true));
        waitFor(() -> vm.statusProperty().get().startsWith("Exported"));
        var image = ImageIO.read(out.toFile());
        var expected = GraphRenderer.pngSize(vm.diagram().getLevel().layout(), RenderOptions.defaults());
        assertThat(image.getWidth()).isEqualTo(expected.width());
        assertThat(image.getHeight()).isEqualTo(expected.height());
        assertThat(image.getRGB(image.getWidth() / 2, image.getHeight() / 2)).isNotEqualTo(image.getRGB(0, 0));
    }

    @Test
    void aCorruptFileShowsAnErrorAndTheAppStaysUsable(FxRobot robot) throws Exception {
        var bad = dir.resolve("broken.onnx");
        Files.write(bad, new byte[] {0x0a, (byte) 0xff, (byte) 0xff, 0x01, 0x02, 0x03});
        robot.interact(() -> vm.open(bad));
        waitFor(() -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        assertThat(pane.getHeaderText()).contains("broken.onnx");
        assertThat(pane.getContentText()).isNotBlank().doesNotContain("\n");
        robot.interact(() -> pane.getScene().getWindow().hide());
        open(robot, TestModels.path("node/test_loop11"));
        assertThat(vm.getDocument()).isNotNull();
    }

    private void open(FxRobot robot, Path file) throws Exception {
        robot.interact(() -> vm.open(file));
        waitFor(() -> vm.getDocument() != null && file.equals(vm.getDocument().path()) && !vm.tasks().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Path write(dev.loupe.model.Model model) throws Exception {
        var file = dir.resolve("model.onnx");
        ModelWriter.write(model, file);
        return file;
    }

    private int boxWithTitle(String title) {
        var d = vm.diagram().getLevel().diagram();
        for (int i = 0; i < d.nodes().size(); i++) {
            if (d.node(i).title().equals(title)) {
                return i;
            }
        }
        throw new AssertionError("no box titled " + title);
    }

    private java.util.List<PropertyRow> rows() {
        return vm.properties().rows();
    }

    private void waitFor(BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; status: " + vm.statusProperty().get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    static boolean windowShowing(String title) {
        return Window.getWindows().stream().anyMatch(w -> w instanceof Stage s && title.equals(s.getTitle()));
    }
}
