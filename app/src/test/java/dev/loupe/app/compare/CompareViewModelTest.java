package dev.loupe.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.Fixtures;
import dev.loupe.app.FxThread;
import dev.loupe.app.debug.DebugLocation;
import dev.loupe.app.debug.DimensionBindingStore;
import dev.loupe.app.debug.RunInputsViewModel;
import dev.loupe.app.main.TaskRunner;
import dev.loupe.app.render.DebugOverlay;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.io.ModelReader;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/// The comparison view model without a window, on the broken-MLP fixtures.
class CompareViewModelTest {

    private final TaskRunner runner = new TaskRunner();
    private final List<String> errors = new ArrayList<>();
    private final List<DebugLocation> jumps = new ArrayList<>();
    private RunInputsViewModel inputs;
    private CompareViewModel vm;
    private Model model;

    @BeforeAll
    static void startFx() throws Exception {
        FxThread.start();
    }

    @AfterEach
    void release() throws Exception {
        FxThread.run(vm::shutdown);
        runner.shutdown();
        model.close();
    }

    private void open(String fixture) throws Exception {
        var path = Fixtures.model(fixture);
        model = ModelReader.read(path);
        var store = new DimensionBindingStore(Preferences.userRoot().node("dev/loupe/test/cmp" + System.nanoTime()));
        FxThread.run(() -> {
            inputs = new RunInputsViewModel(runner, store, s -> { }, (t, m) -> errors.add(t + ": " + m));
            vm = new CompareViewModel(runner, inputs, s -> { }, (t, m) -> errors.add(t + ": " + m), jumps::add);
            inputs.setModel(model, path);
            vm.setModel(model);
            inputs.loadFolder(Fixtures.dir(fixture));
        });
        FxThread.await(() -> inputs.isReady() && !runner.busyProperty().get(), 30, "inputs");
    }

    private void compare() throws Exception {
        FxThread.await(() -> vm.canCompareProperty().get(), 10, "a comparison to be possible " + errors);
        FxThread.run(vm::compare);
        FxThread.await(() -> vm.reportProperty().get() != null || !errors.isEmpty(), 60, "the report");
        assertThat(errors).isEmpty();
    }

    private Node node(String name) {
        return model.graph().nodes().stream().filter(n -> name.equals(n.name())).findFirst().orElseThrow();
    }

    @Test
    void theBrokenMulIsTheFirstDivergenceAgainstTheOriginalModel() throws Exception {
        open("torch_mlp_broken");
        FxThread.run(() -> {
            vm.againstProperty().set(CompareViewModel.Against.OTHER_MODEL);
            vm.otherModelProperty().set(Fixtures.model("torch_mlp"));
        });
        compare();
        assertThat(FxThread.call(() -> vm.verdictProperty().get())).startsWith("FAILED against model");
        assertThat(FxThread.call(() -> vm.firstDivergenceProperty().get())).startsWith("First divergence: /Mul_1 (Mul)");
        var mulRow = FxThread.call(() -> vm.rows().stream().filter(r -> r.name().equals("/Mul_1")).findFirst().orElseThrow());
        assertThat(mulRow.verdict()).isEqualTo("born here");
        assertThat(mulRow.localAbs()).isPositive();
        var tanhRow = FxThread.call(() -> vm.rows().stream().filter(r -> r.name().equals("/Tanh")).findFirst().orElseThrow());
        assertThat(tanhRow.verdict()).isEqualTo("inherited");

        var heat = FxThread.call(() -> vm.heatProperty().get());
        assertThat(heat.applyAsInt(node("/Mul_1"))).isGreaterThanOrEqualTo(DebugOverlay.HEAT_WARN);
        assertThat(heat.applyAsInt(node("/fc1/Gemm"))).isEqualTo(DebugOverlay.HEAT_OK);
        FxThread.run(() -> vm.showHeatProperty().set(false));
        assertThat(FxThread.call(() -> vm.heatProperty().get())).isNull();

        assertThat(FxThread.call(vm::jumpToFirstDivergence)).isTrue();
        assertThat(jumps).hasSize(1);
        assertThat(jumps.getFirst().node()).isSameAs(node("/Mul_1"));
        assertThat(jumps.getFirst().bodies()).isEmpty();
    }

    @Test
    void againstTheExpectedOutputsOnlyTheOutputIsJudged() throws Exception {
        open("torch_mlp_broken");
        compare();
        assertThat(FxThread.call(() -> vm.verdictProperty().get())).startsWith("FAILED against expected outputs").contains("FAIL  y");
        assertThat(FxThread.call(() -> vm.firstDivergenceProperty().get())).startsWith("No node's own error");
        assertThat(FxThread.call(vm::jumpToFirstDivergence)).isFalse();
    }

    @Test
    void aForestWithFloatThresholdsGetsATreePathReport() throws Exception {
        open("sklearn_rf_float");
        compare();
        assertThat(FxThread.call(() -> vm.trees().size())).isEqualTo(1);
        var tree = FxThread.call(() -> vm.trees().getFirst());
        assertThat(tree.changedSamples()).isNotEmpty();
        assertThat(FxThread.call(() -> vm.reportTextProperty().get())).contains("Tree ensemble");
    }

    @Test
    void theFloat64ShadowComparesEveryNodeAndTheSessionsAreReused() throws Exception {
        open("torch_mlp");
        FxThread.run(() -> vm.againstProperty().set(CompareViewModel.Against.FLOAT64));
        compare();
        var first = FxThread.call(() -> vm.reportProperty().get());
        assertThat(first.reference()).isEqualTo("float64 shadow run");
        assertThat(FxThread.call(() -> vm.rows().size())).isEqualTo(model.graph().nodes().size());
        assertThat(FxThread.call(() -> vm.reportTextProperty().get())).contains("Compared with float64 shadow run");
        FxThread.run(vm::compare);
        FxThread.await(() -> vm.reportProperty().get() != first, 60, "a second report");
        assertThat(errors).isEmpty();
    }
}
