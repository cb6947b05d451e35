package dev.loupe.app.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.Fixtures;
import dev.loupe.app.FxThread;
import dev.loupe.app.debug.DebuggerViewModel.Phase;
import dev.loupe.app.main.TaskRunner;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.io.ModelReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/// The debugger's view model without a window, on exported fixtures.
class DebuggerViewModelTest {

    private final TaskRunner runner = new TaskRunner();
    private final List<String> errors = new ArrayList<>();
    private final List<Model> models = new ArrayList<>();
    private RunInputsViewModel inputs;
    private DebuggerViewModel dbg;
    private Model model;

    @BeforeAll
    static void startFx() throws Exception {
        FxThread.start();
    }

    @AfterEach
    void release() throws Exception {
        if (dbg != null) {
            FxThread.run(dbg::shutdown);
        }
        runner.shutdown();
        models.forEach(Model::close);
    }

    private void open(String fixture) throws Exception {
        var path = Fixtures.model(fixture);
        open(ModelReader.read(path), path);
    }

    private void open(Model opened, Path path) throws Exception {
        model = opened;
        models.add(model);
        var store = new DimensionBindingStore(Preferences.userRoot().node("dev/loupe/test/dbg" + System.nanoTime()));
        FxThread.run(() -> {
            inputs = new RunInputsViewModel(runner, store, s -> { }, (t, m) -> errors.add(t + ": " + m));
            dbg = new DebuggerViewModel(runner, inputs, s -> { }, (t, m) -> errors.add(t + ": " + m));
            inputs.setModel(model, path);
            dbg.setModel(model);
        });
    }

    private void loadTestData(String fixture) throws Exception {
        FxThread.run(() -> inputs.loadFolder(Fixtures.dir(fixture)));
        FxThread.await(() -> inputs.isReady(), 30, "inputs");
    }

    private Node node(String name) {
        return model.graph().nodes().stream().filter(n -> name.equals(n.name())).findFirst().orElseThrow();
    }

    private void awaitPhase(Phase phase) throws Exception {
        FxThread.await(() -> dbg.getPhase() == phase, 60, phase + " (now " + dbg.getPhase() + ", " + errors + ")");
    }

    private String currentNode() throws Exception {
        return FxThread.call(() -> dbg.locationProperty().get() == null ? null : dbg.locationProperty().get().node().name());
    }

    @Test
    void runsToABreakpointStepsAndFinishes() throws Exception {
        open("torch_mlp");
        loadTestData("torch_mlp");
        var mul1 = node("/Mul_1");
        FxThread.run(() -> dbg.breakpoints().toggle(mul1));
        FxThread.run(dbg::runOrContinue);
        awaitPhase(Phase.PAUSED);
        assertThat(currentNode()).isEqualTo("/Mul_1");
        assertThat(FxThread.call(() -> dbg.stopTextProperty().get())).startsWith("Paused before /Mul_1 (Mul)").endsWith("breakpoint");
        assertThat(FxThread.call(() -> dbg.hasRun(node("/fc2/Gemm")))).isTrue();
        assertThat(FxThread.call(() -> dbg.hasRun(mul1))).isFalse();
        var gemmOut = node("/fc2/Gemm").output(0);
        assertThat(FxThread.call(() -> dbg.liveValue(gemmOut).label())).startsWith("float[4,16] ");
        assertThat(FxThread.call(() -> dbg.valueOf(gemmOut))).isInstanceOf(Tensor.class);
        assertThat(FxThread.call(() -> dbg.stopValues().stream().map(DebuggerViewModel.StopValue::name).toList()))
                .containsExactly("/fc2/Gemm_output_0", "/Constant_1_output_0");

        FxThread.run(dbg::step);
        FxThread.await(() -> dbg.getPhase() == Phase.PAUSED && "/Tanh".equals(dbg.locationProperty().get().node().name()), 30, "step");
        assertThat(FxThread.call(() -> dbg.hasRun(mul1))).isTrue();

        FxThread.run(dbg::runOrContinue);
        awaitPhase(Phase.FINISHED);
        assertThat(FxThread.call(() -> dbg.stopValues().getFirst().name())).isEqualTo("y");
        assertThat(FxThread.call(() -> dbg.hasRun(node("/fc3/Gemm")))).isTrue();
        assertThat(errors).isEmpty();
    }

    @Test
    void stopsAfterTheFirstNaN() throws Exception {
        open("torch_nan");
        loadTestData("torch_nan");
        FxThread.run(() -> dbg.breakpoints().onNonFiniteProperty().set(true));
        FxThread.run(dbg::runOrContinue);
        awaitPhase(Phase.PAUSED);
        assertThat(currentNode()).isEqualTo("/Sqrt");
        assertThat(FxThread.call(() -> dbg.stopTextProperty().get())).startsWith("Paused after /Sqrt").contains("NaN");
        assertThat(FxThread.call(() -> dbg.stopValues().getLast().summary())).contains("NaN/Inf");
        FxThread.run(dbg::stop);
        awaitPhase(Phase.CANCELLED);
    }

    @Test
    void stepsIntoALoopBodyAndOut() throws Exception {
        open("torch_loop_if");
        loadTestData("torch_loop_if");
        var loop = node("/Loop");
        FxThread.run(() -> dbg.runTo(loop));
        awaitPhase(Phase.PAUSED);
        assertThat(currentNode()).isEqualTo("/Loop");
        FxThread.run(dbg::stepInto);
        FxThread.await(() -> dbg.getPhase() == Phase.PAUSED && !dbg.locationProperty().get().bodies().isEmpty(), 30, "step into");
        var loc = FxThread.call(() -> dbg.locationProperty().get());
        assertThat(loc.bodies()).hasSize(1);
        assertThat(loc.bodies().getFirst().caller()).isSameAs(loop);
        assertThat(loc.node().name()).isEqualTo("/lin/Gemm");
        assertThat(loc.node().graph()).isSameAs(loop.subgraphs().getFirst());
        FxThread.run(dbg::stepOut);
        FxThread.await(() -> dbg.getPhase() == Phase.PAUSED && dbg.locationProperty().get().bodies().isEmpty(), 30, "step out");
        assertThat(currentNode()).isEqualTo("/ReduceSum");
    }

    @Test
    void stepsIntoAModelLocalFunctionAndBreaksOnItsNodes() throws Exception {
        open(dev.loupe.app.TestModels.withLocalFunction(), null);
        FxThread.run(inputs::randomizeAll);
        FxThread.await(() -> inputs.isReady(), 30, "inputs");
        var call = node("swish");
        var body = model.functions().getFirst().body();
        FxThread.run(() -> dbg.runTo(call));
        awaitPhase(Phase.PAUSED);
        FxThread.run(dbg::stepInto);
        FxThread.await(() -> dbg.getPhase() == Phase.PAUSED && !dbg.locationProperty().get().bodies().isEmpty(), 30, "into");
        var loc = FxThread.call(() -> dbg.locationProperty().get());
        assertThat(loc.bodies().getFirst().caller()).isSameAs(call);
        assertThat(loc.bodies().getFirst().subgraph().graph()).isSameAs(body);
        assertThat(loc.node()).isSameAs(body.nodes().getFirst());

        var mul = body.nodes().get(1);
        FxThread.run(() -> dbg.stop());
        awaitPhase(Phase.CANCELLED);
        FxThread.run(() -> dbg.breakpoints().toggle(mul));
        FxThread.run(dbg::runOrContinue);
        awaitPhase(Phase.PAUSED);
        assertThat(FxThread.call(() -> dbg.locationProperty().get().node())).isSameAs(mul);
        assertThat(FxThread.call(() -> dbg.hasRun(body.nodes().getFirst()))).isTrue();
        assertThat(FxThread.call(() -> dbg.liveValue(body.nodes().getFirst().output(0)).label())).startsWith("float[1,4]");
    }

    @Test
    void aDecoderRunsToTheEndOnRandomTokensOfTheBoundSequenceLength() throws Exception {
        open("torch_gpt_decoder");
        FxThread.run(() -> {
            for (var d : inputs.dims()) {
                d.setSize(d.name().equals("seq") ? 5 : 2);
            }
            inputs.randomizeAll();
        });
        FxThread.await(() -> inputs.isReady(), 30, "inputs");
        FxThread.run(() -> dbg.breakpoints().addOpType("Softmax"));
        FxThread.run(dbg::runOrContinue);
        awaitPhase(Phase.PAUSED);
        assertThat(FxThread.call(() -> dbg.locationProperty().get().node().opType())).isEqualTo("Softmax");
        FxThread.run(() -> dbg.breakpoints().opTypes().clear());
        FxThread.run(dbg::runOrContinue);
        awaitPhase(Phase.FINISHED);
        assertThat(FxThread.call(() -> dbg.stopValues().getFirst().summary())).startsWith("float[2,5,64]");
        assertThat(errors).isEmpty();
    }

    @Test
    void pauseAnswersDuringALongLoop() throws Exception {
        open("torch_loop_if");
        loadTestData("torch_loop_if");
        FxThread.run(() -> inputs.setTyped(inputs.rows().get(1), "100000000"));
        var firstInBody = node("/Loop").subgraphs().getFirst().nodes().getFirst();
        FxThread.run(dbg::runOrContinue);
        FxThread.await(() -> dbg.getPhase() == Phase.RUNNING && dbg.hasRun(firstInBody), 30, "the loop running");
        long t0 = System.nanoTime();
        FxThread.run(dbg::pause);
        awaitPhase(Phase.PAUSED);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
        assertThat(FxThread.call(() -> dbg.stopTextProperty().get())).endsWith("paused");
        assertThat(FxThread.call(() -> dbg.locationProperty().get().bodies())).hasSize(1);
        FxThread.run(dbg::stop);
        awaitPhase(Phase.CANCELLED);
    }
}
