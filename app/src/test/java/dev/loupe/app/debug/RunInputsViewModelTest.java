package dev.loupe.app.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.Fixtures;
import dev.loupe.app.FxThread;
import dev.loupe.app.main.TaskRunner;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Model;
import dev.loupe.model.io.ModelReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/// The Run panel's view model without a window.
class RunInputsViewModelTest {

    private final TaskRunner runner = new TaskRunner();
    private final List<String> errors = new ArrayList<>();
    private final DimensionBindingStore store =
            new DimensionBindingStore(Preferences.userRoot().node("dev/loupe/test/dims" + System.nanoTime()));
    private final List<Model> models = new ArrayList<>();

    @BeforeAll
    static void startFx() throws Exception {
        FxThread.start();
    }

    @AfterEach
    void release() {
        runner.shutdown();
        models.forEach(Model::close);
    }

    private RunInputsViewModel open(Path model) throws Exception {
        var m = ModelReader.read(model);
        models.add(m);
        var vm = FxThread.call(() -> new RunInputsViewModel(runner, store, s -> { }, (t, msg) -> errors.add(t + ": " + msg)));
        FxThread.run(() -> vm.setModel(m, model));
        return vm;
    }

    private void settle() throws Exception {
        FxThread.await(() -> !runner.busyProperty().get(), 30, "background work");
    }

    @Test
    void aTestDataFolderSatisfiesTheInputsAndBringsExpectedOutputs() throws Exception {
        var vm = open(Fixtures.model("torch_mlp"));
        assertThat(FxThread.call(() -> vm.rows().size())).isEqualTo(1);
        var row = vm.rows().getFirst();
        assertThat(row.typeText()).isEqualTo("float 4×8");
        assertThat(FxThread.call(vm::isReady)).isFalse();
        assertThat(FxThread.call(() -> row.statusProperty().get())).isEqualTo("missing");
        assertThat(FxThread.call(() -> vm.dataSets().size())).isEqualTo(1);

        FxThread.run(() -> vm.loadFolder(Fixtures.dir("torch_mlp")));
        settle();
        assertThat(errors).isEmpty();
        assertThat(FxThread.call(vm::isReady)).isTrue();
        assertThat(FxThread.call(() -> row.statusProperty().get())).isEqualTo("ok float[4,8]");
        assertThat(FxThread.call(() -> row.sourceProperty().get())).isEqualTo("test_data_set_0");
        assertThat(FxThread.call(() -> vm.getExpected().keySet())).containsExactly("y");
        assertThat(FxThread.call(() -> vm.summaryProperty().get())).isEqualTo("1 of 1 input ready");
    }

    @Test
    void randomValuesFollowTheBoundDimensionsAndTheBindingIsRemembered() throws Exception {
        var model = Fixtures.model("torch_loop_if");
        var vm = open(model);
        assertThat(FxThread.call(() -> vm.dims().stream().map(DimBinding::name).toList())).containsExactly("batch");
        FxThread.run(() -> vm.dims().getFirst().setSize(3));
        FxThread.run(vm::randomizeAll);
        settle();
        var x = (Tensor) FxThread.call(() -> vm.rows().get(0).getValue());
        assertThat(x.shape()).containsExactly(3, 4);
        for (int i = 0; i < x.size(); i++) {
            assertThat(x.getDouble(i)).isBetween(-1.0, 1.0);
        }
        var n = (Tensor) FxThread.call(() -> vm.rows().get(1).getValue());
        assertThat(n.rank()).isZero();
        assertThat(n.getLong(0)).isBetween(0L, 10L);
        assertThat(FxThread.call(vm::isReady)).isTrue();

        var again = open(model);
        assertThat(FxThread.call(() -> again.dims().getFirst().getSize())).isEqualTo(3);
        FxThread.run(again::randomizeAll);
        settle();
        var x2 = (Tensor) FxThread.call(() -> again.rows().get(0).getValue());
        assertThat(x2.floats()).containsExactly(x.floats());
    }

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    @Test
    void npyAndNpzFilesGoToTheInputsTheyAreNamedAfter() throws Exception {
        var vm = open(Fixtures.model("torch_loop_if"));
        var x = dev.loupe.model.TensorData.ofFloats("x", new long[] {2, 4}, 1, 2, 3, 4, 5, 6, 7, 8);
        var npy = dir.resolve("x.npy");
        dev.loupe.app.inspect.NpyWriter.write(x, npy);
        var n = dir.resolve("n.npy");
        dev.loupe.app.inspect.NpyWriter.write(dev.loupe.model.TensorData.ofLongs("n", new long[0], 2), n);
        FxThread.run(() -> vm.loadFiles(List.of(npy), null));
        settle();
        assertThat(FxThread.call(() -> vm.rows().get(0).statusProperty().get())).isEqualTo("ok float[2,4]");
        assertThat(FxThread.call(() -> vm.dims().getFirst().getSize())).isEqualTo(2);

        var npz = dir.resolve("inputs.npz");
        try (var zip = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(npz))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("n.npy"));
            zip.write(java.nio.file.Files.readAllBytes(n));
            zip.closeEntry();
        }
        FxThread.run(() -> vm.loadFiles(List.of(npz), null));
        settle();
        assertThat(FxThread.call(() -> vm.rows().get(1).sourceProperty().get())).isEqualTo("inputs.npz[n]");
        assertThat(FxThread.call(vm::isReady)).isTrue();
        assertThat(errors).isEmpty();
    }

    @Test
    void aValueOfTheWrongShapeIsNotSatisfiedAndTypedValuesAre() throws Exception {
        var vm = open(Fixtures.model("torch_loop_if"));
        var n = vm.rows().get(1);
        assertThat(FxThread.call(() -> vm.setTyped(n, "1, 2"))).contains("needs 1 numbers");
        assertThat(FxThread.call(() -> vm.setTyped(n, "3"))).isNull();
        assertThat(FxThread.call(n::isSatisfied)).isTrue();
        assertThat(((Tensor) n.getValue()).getLong(0)).isEqualTo(3);

        var x = vm.rows().get(0);
        FxThread.run(() -> vm.loadFiles(List.of(Fixtures.dir("torch_mlp").resolve("test_data_set_0/input_0.pb")), x));
        settle();
        assertThat(FxThread.call(x::isSatisfied)).isFalse();
        assertThat(FxThread.call(() -> x.statusProperty().get())).contains("expects 4 along axis 1");
        assertThat(FxThread.call(vm::isReady)).isFalse();
    }
}
