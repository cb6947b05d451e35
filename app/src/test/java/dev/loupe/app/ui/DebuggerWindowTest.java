package dev.loupe.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.Fixtures;
import dev.loupe.app.debug.DebuggerViewModel.Phase;
import dev.loupe.app.debug.DimensionBindingStore;
import dev.loupe.app.diagram.DiagramNode;
import dev.loupe.app.main.MainView;
import dev.loupe.app.main.MainViewModel;
import dev.loupe.app.main.RecentFiles;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;
import javafx.geometry.Point2D;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/// Drives the debugger in the real window: inputs from a test-data folder, breakpoints, stepping, live
/// values and the tensor viewer.
@ExtendWith(ApplicationExtension.class)
class DebuggerWindowTest {

    private MainView view;
    private MainViewModel vm;

    @Start
    void start(Stage stage) {
        var prefs = Preferences.userRoot().node("dev/loupe/test/win" + System.nanoTime());
        vm = new MainViewModel(new RecentFiles(prefs), new DimensionBindingStore(prefs.node("dims")));
        view = MainView.install(vm, stage, null);
        stage.show();
    }

    @AfterEach
    void closeModel(FxRobot robot) {
        robot.interact(() -> vm.close());
    }

    @Test
    void breakpointRunStepInspectAndFinish(FxRobot robot) throws Exception {
        open(robot, Fixtures.model("torch_mlp"));
        showTab(robot, "Run");
        robot.clickOn("#loadDataSetButton");
        waitFor(() -> vm.runInputs().isReady());
        assertThat(robot.lookup("#input-status-0").queryAs(Label.class).getText()).isEqualTo("ok float[4,8]");

        int mul = boxOf("/Mul_1");
        clickBox(robot, mul);
        robot.type(KeyCode.F9);
        waitFor(() -> view.graphView().getOverlay().breakpoints()[mul]);

        robot.type(KeyCode.F5);
        waitFor(() -> vm.debugger().getPhase() == Phase.PAUSED);
        assertThat(view.graphView().getOverlay().current()).isEqualTo(mul);
        assertThat(robot.lookup(".stop-label").queryAs(Label.class).getText()).startsWith("Paused before /Mul_1");
        int gemm = boxOf("/fc2/Gemm");
        assertThat(view.graphView().getOverlay().executed()[gemm]).isTrue();
        assertThat(view.graphView().getOverlay().executed()[mul]).isFalse();

        robot.type(KeyCode.F10);
        int tanh = boxOf("/Tanh");
        waitFor(() -> vm.debugger().getPhase() == Phase.PAUSED && view.graphView().getOverlay().current() == tanh);
        assertThat(view.graphView().getOverlay().executed()[mul]).isTrue();

        snapshot(robot, "debugger-paused");
        int edge = edgeFrom(mul);
        assertThat(view.graphView().getOverlay().edgeLabels()[edge]).startsWith("float[4,16] ");
        robot.clickOn(edgePoint(edge));
        waitFor(() -> robot.lookup("#stat-mean").tryQuery().isPresent());
        assertThat(robot.lookup("#stat-NaN").queryAs(Label.class).getText()).isEqualTo("0");
        robot.interact(() -> robot.lookup("#stat-mean").query().getScene().getWindow().hide());

        robot.type(KeyCode.F5);
        waitFor(() -> vm.debugger().getPhase() == Phase.FINISHED);
        assertThat(view.graphView().getOverlay().current()).isEqualTo(-1);
        assertThat(view.graphView().getOverlay().executed()[boxOf("/fc3/Gemm")]).isTrue();
    }

    @Test
    void stopsOnTheFirstNaN(FxRobot robot) throws Exception {
        open(robot, Fixtures.model("torch_nan"));
        robot.interact(() -> vm.runInputs().loadFolder(Fixtures.dir("torch_nan")));
        waitFor(() -> vm.runInputs().isReady());
        showTab(robot, "Debug");
        robot.clickOn("#nonFiniteCheck");
        assertThat(robot.lookup("#nonFiniteCheck").queryAs(CheckBox.class).isSelected()).isTrue();
        robot.clickOn(".debug-bar #runButton");
        waitFor(() -> vm.debugger().getPhase() == Phase.PAUSED);
        assertThat(view.graphView().getOverlay().current()).isEqualTo(boxOf("/Sqrt"));
        assertThat(vm.debugger().stopTextProperty().get()).contains("NaN");
        robot.clickOn(".debug-bar #stopButton");
        waitFor(() -> vm.debugger().getPhase() == Phase.CANCELLED);
    }

    @Test
    void stepsIntoALoopBodyAndBackOut(FxRobot robot) throws Exception {
        open(robot, Fixtures.model("torch_loop_if"));
        robot.interact(() -> vm.runInputs().loadFolder(Fixtures.dir("torch_loop_if")));
        waitFor(() -> vm.runInputs().isReady());
        clickBox(robot, boxOf("/Loop"));
        robot.press(KeyCode.CONTROL).type(KeyCode.F10).release(KeyCode.CONTROL);
        waitFor(() -> vm.debugger().getPhase() == Phase.PAUSED);
        robot.type(KeyCode.F11);
        waitFor(() -> vm.diagram().levels().size() == 2 && view.graphView().getOverlay().current() >= 0);
        var current = vm.diagram().getLevel().diagram().node(view.graphView().getOverlay().current());
        assertThat(current.node().name()).isEqualTo("/lin/Gemm");
        robot.press(KeyCode.SHIFT).type(KeyCode.F11).release(KeyCode.SHIFT);
        waitFor(() -> vm.diagram().levels().size() == 1 && view.graphView().getOverlay().current() >= 0);
        assertThat(vm.diagram().getLevel().diagram().node(view.graphView().getOverlay().current()).node().name())
                .isEqualTo("/ReduceSum");
    }

    @Test
    void comparesWithTheOriginalModelShowsTheHeatAndJumpsToTheFirstDivergence(FxRobot robot) throws Exception {
        open(robot, Fixtures.model("torch_mlp_broken"));
        robot.interact(() -> vm.runInputs().loadFolder(Fixtures.dir("torch_mlp_broken")));
        waitFor(() -> vm.runInputs().isReady());
        showTab(robot, "Compare");
        robot.interact(() -> vm.compare().otherModelProperty().set(Fixtures.model("torch_mlp")));
        robot.clickOn("#otherRadio");
        robot.clickOn("#compareButton");
        waitFor(() -> vm.compare().reportProperty().get() != null);
        assertThat(robot.lookup("#verdictLabel").queryAs(Label.class).getText()).startsWith("FAILED");
        int mul = boxOf("/Mul_1");
        waitFor(() -> view.graphView().getOverlay().heat().length > mul
                && view.graphView().getOverlay().heat()[mul] >= dev.loupe.app.render.DebugOverlay.HEAT_WARN);
        assertThat(view.graphView().getOverlay().heat()[boxOf("/fc1/Gemm")]).isEqualTo(dev.loupe.app.render.DebugOverlay.HEAT_OK);
        javafx.scene.control.TableView<?> table = robot.lookup("#nodesTable").queryAs(javafx.scene.control.TableView.class);
        assertThat(((dev.loupe.app.compare.NodeErrorRow) table.getItems().getFirst()).name()).isEqualTo("/Mul_1");
        snapshot(robot, "debugger-compare");
        robot.clickOn("#jumpButton");
        waitFor(() -> vm.diagram().getSelectedBox() == mul);
    }

    private void open(FxRobot robot, Path file) throws Exception {
        robot.interact(() -> vm.open(file));
        waitFor(() -> vm.getDocument() != null && !vm.tasks().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /// Saves the window as `target/NAME.png`, for people to look at.
    private void snapshot(FxRobot robot, String name) throws Exception {
        var image = new java.awt.image.BufferedImage[1];
        robot.interact(() -> {
            var fx = view.graphView().getScene().snapshot(null);
            int w = (int) fx.getWidth();
            int h = (int) fx.getHeight();
            var argb = new int[w * h];
            fx.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
            image[0] = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
            image[0].setRGB(0, 0, w, h, argb, 0, w);
        });
        var out = Path.of("target", name + ".png");
        java.nio.file.Files.createDirectories(out.getParent());
        javax.imageio.ImageIO.write(image[0], "png", out.toFile());
    }

    private void showTab(FxRobot robot, String title) {
        javafx.scene.control.TabPane tabs = robot.lookup("#sideTabs").queryAs(javafx.scene.control.TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(
                tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int boxOf(String nodeName) {
        var d = vm.diagram().getLevel().diagram();
        for (int i = 0; i < d.nodes().size(); i++) {
            var n = d.node(i);
            if (n.kind() == DiagramNode.Kind.OPERATOR && nodeName.equals(n.node().name())) {
                return i;
            }
        }
        throw new AssertionError("no box for " + nodeName);
    }

    private void clickBox(FxRobot robot, int box) throws Exception {
        var g = view.graphView();
        robot.interact(() -> g.centerOnBox(box));
        robot.clickOn(g.localToScreen(g.boxCenterOnScreen(box)));
        waitFor(() -> vm.diagram().getSelectedBox() == box);
    }

    private int edgeFrom(int box) {
        var edges = vm.diagram().getLevel().diagram().edges();
        for (int k = 0; k < edges.size(); k++) {
            if (edges.get(k).from() == box) {
                return k;
            }
        }
        throw new AssertionError("no edge from box " + box);
    }

    /// The screen point halfway along the longest segment of edge `k`.
    private Point2D edgePoint(int k) {
        var g = view.graphView();
        var pts = g.getLayout().edge(k);
        int best = 0;
        double longest = -1;
        for (int q = 0; q + 3 < pts.length; q += 2) {
            double len = Math.hypot(pts[q + 2] - pts[q], pts[q + 3] - pts[q + 1]);
            if (len > longest) {
                longest = len;
                best = q;
            }
        }
        var p = g.toView((pts[best] + pts[best + 2]) / 2, (pts[best + 1] + pts[best + 3]) / 2);
        return g.localToScreen(p);
    }

    private void waitFor(BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; status: " + vm.statusProperty().get() + "; debugger: "
                    + vm.debugger().stopTextProperty().get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
