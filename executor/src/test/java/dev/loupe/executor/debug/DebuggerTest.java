package dev.loupe.executor.debug;

import dev.loupe.executor.io.InputLoader;
import dev.loupe.executor.session.FramePath;
import dev.loupe.executor.session.NodeEvent;
import dev.loupe.executor.session.ExecutionListener;
import dev.loupe.executor.session.RetentionPolicy;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.session.TestModels;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.io.ModelReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.loupe.executor.session.TestModels.input;
import static dev.loupe.executor.session.TestModels.names;
import static dev.loupe.executor.session.TestModels.node;
import static dev.loupe.executor.session.TestModels.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DebuggerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path LOOP11 = Path.of("/usr/share/libonnx-testdata/data/node/test_loop11");

    private static Stop paused(DebugState state) {
        assertThat(state).isInstanceOf(DebugState.Paused.class);
        return ((DebugState.Paused) state).stop();
    }

    private static Map<String, RuntimeValue> loopInputs(long trips) {
        return Map.of("M", Tensor.scalarLong(trips), "acc0", Tensor.ofFloats(new long[] {1}, 0f),
                "step", Tensor.ofFloats(new long[] {1}, 2f));
    }

    @Test
    void stepsThroughTheOnnxLoopTestAndInspectsAValueInsideTheBody() throws Exception {
        assertTrue(Files.isDirectory(LOOP11), "ONNX test data (libonnx-testdata) is not installed");
        try (var model = ModelReader.read(LOOP11.resolve("model.onnx"))) {
            var session = Session.create(model);
            var inputs = InputLoader.fromDirectory(session.inputs(), LOOP11.resolve("test_data_set_0"));
            try (var dbg = Debugger.start(session, inputs, DebugOptions.defaults().withRetention(RetentionPolicy.all()))) {
                var entry = paused(dbg.awaitStop(WAIT));
                assertThat(entry.cause()).isEqualTo(Stop.Cause.ENTRY);
                assertThat(entry.node().opType()).isEqualTo("Loop");
                assertThat(entry.depth()).isZero();

                dbg.stepInto();
                var first = paused(dbg.awaitStop(WAIT));
                assertThat(first.depth()).isEqualTo(1);
                assertThat(first.frame().entries().getFirst().call()).isZero();
                assertThat(first.node().opType()).isEqualTo("Identity");

                Stop stop = first;
                while (!"y_out".equals(stop.node().output(0).name())) {
                    dbg.step();
                    stop = paused(dbg.awaitStop(WAIT));
                    assertThat(stop.depth()).isEqualTo(1);
                }
                dbg.step();
                paused(dbg.awaitStop(WAIT));
                var slice = (Tensor) dbg.value("slice_out", first.frame()).orElseThrow();
                var yIn = (Tensor) stop.inputs().get(0);
                var yOut = (Tensor) dbg.value("y_out", first.frame()).orElseThrow();
                assertThat(yOut.floats()[0]).isEqualTo(yIn.floats()[0] + slice.floats()[0]);

                dbg.stepOut();
                var end = dbg.awaitStop(WAIT);
                assertThat(end).isInstanceOf(DebugState.Finished.class);
                var scan = (Tensor) ((DebugState.Finished) end).result().output("res_scan");
                assertThat(scan.dim(0)).isEqualTo(((Tensor) inputs.get("trip_count")).longs()[0]);
            }
        }
    }

    @Test
    void stepsIntoALoopBodyAndOutAgain() throws Exception {
        var model = TestModels.accumulatingLoop();
        var session = Session.create(model);
        try (var dbg = Debugger.start(session, loopInputs(3), DebugOptions.defaults())) {
            assertThat(paused(dbg.awaitStop(WAIT)).node().name()).isEqualTo("loop");
            dbg.stepInto();
            var inBody = paused(dbg.awaitStop(WAIT));
            assertThat(inBody.node().name()).isEqualTo("keep_going");
            assertThat(inBody.frame().toString()).isEqualTo("loop[0]/body");
            dbg.step();
            assertThat(paused(dbg.awaitStop(WAIT)).node().name()).isEqualTo("accumulate");
            dbg.step();
            var secondIteration = paused(dbg.awaitStop(WAIT));
            assertThat(secondIteration.node().name()).isEqualTo("keep_going");
            assertThat(secondIteration.frame().entries().getFirst().call()).isEqualTo(1);
            dbg.stepOut();
            var after = paused(dbg.awaitStop(WAIT));
            assertThat(after.node().name()).isEqualTo("negate");
            assertThat(after.depth()).isZero();
            assertThat(((Tensor) after.inputs().get(0)).floats()).containsExactly(6f);
            dbg.resume();
            var done = (DebugState.Finished) dbg.awaitStop(WAIT);
            assertThat(((Tensor) done.result().output("y")).floats()).containsExactly(-6f);
        }
    }

    @Test
    void refusesAFastModeSessionWhoseStepsAreNotTheModelsNodes() {
        var options = dev.loupe.executor.session.SessionOptions.defaults().withMode(dev.loupe.executor.session.ExecutionMode.FAST);
        var session = Session.create(TestModels.withLocalFunction(5f), dev.loupe.executor.kernels.BuiltinKernels.registry(), options);
        assertThatThrownBy(() -> Debugger.start(session, Map.of("x", Tensor.ofFloats(new long[] {2}, 1, 2)), DebugOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DEBUG mode");
    }

    @Test
    void stepsIntoAFunctionBody() throws Exception {
        var session = Session.create(TestModels.withLocalFunction(5f));
        try (var dbg = Debugger.start(session, Map.of("x", Tensor.ofFloats(new long[] {2}, 1, 2)), DebugOptions.defaults())) {
            assertThat(paused(dbg.awaitStop(WAIT)).node().name()).isEqualTo("scale");
            dbg.stepInto();
            var inside = paused(dbg.awaitStop(WAIT));
            assertThat(inside.node().name()).isEqualTo("c");
            assertThat(inside.frame().toString()).isEqualTo("scale[0]/Scale");
            dbg.step();
            var multiply = paused(dbg.awaitStop(WAIT));
            assertThat(multiply.node().name()).isEqualTo("m");
            assertThat(((Tensor) multiply.inputs().get(1)).floats()).containsExactly(5f);
            dbg.stepOut();
            var done = (DebugState.Finished) dbg.awaitStop(WAIT);
            assertThat(((Tensor) done.result().output("y")).floats()).containsExactly(5, 10);
        }
    }

    @Test
    void stepOverRunsAWholeLoopAndRunUntilStopsBeforeTheNode() throws Exception {
        var model = TestModels.accumulatingLoop();
        var session = Session.create(model);
        try (var dbg = Debugger.start(session, loopInputs(4), DebugOptions.defaults())) {
            paused(dbg.awaitStop(WAIT));
            dbg.step();
            assertThat(paused(dbg.awaitStop(WAIT)).node().name()).isEqualTo("negate");
        }
        var negate = session.findNode("negate").orElseThrow();
        try (var dbg = Debugger.start(session, loopInputs(4), DebugOptions.defaults())) {
            paused(dbg.awaitStop(WAIT));
            dbg.runUntil(negate);
            var stop = paused(dbg.awaitStop(WAIT));
            assertThat(stop.cause()).isEqualTo(Stop.Cause.RUN_UNTIL);
            assertThat(stop.node()).isSameAs(negate);
        }
    }

    @Test
    void stopsAtOpTypeBreakpointsInsideBodiesAndCommandsNeedAPause() throws Exception {
        var session = Session.create(TestModels.accumulatingLoop());
        try (var dbg = Debugger.start(session, loopInputs(2), DebugOptions.defaults().withStopAtEntry(false)
                .withBreakpoint(Breakpoint.opType("Add")))) {
            var first = paused(dbg.awaitStop(WAIT));
            assertThat(first.cause()).isEqualTo(Stop.Cause.BREAKPOINT);
            assertThat(first.breakpoint()).isEqualTo(Breakpoint.opType("Add"));
            assertThat(first.depth()).isEqualTo(1);
            dbg.resume();
            assertThat(paused(dbg.awaitStop(WAIT)).frame().entries().getFirst().call()).isEqualTo(1);
            dbg.removeBreakpoint(Breakpoint.opType("Add"));
            dbg.resume();
            assertThat(dbg.awaitStop(WAIT)).isInstanceOf(DebugState.Finished.class);
            assertThatThrownBy(dbg::step).isInstanceOf(IllegalStateException.class).hasMessageContaining("finished");
        }
    }

    @Test
    void pausesAndCancelsFromAnotherThread() throws Exception {
        var session = Session.create(TestModels.accumulatingLoop());
        var started = new CountDownLatch(50);
        try (var dbg = Debugger.start(session, loopInputs(1_000_000_000L), DebugOptions.defaults().withStopAtEntry(false))) {
            dbg.addListener(new ExecutionListener() {
                @Override
                public void afterNode(NodeEvent.After event) {
                    started.countDown();
                }
            });
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            var pauser = Thread.ofPlatform().start(dbg::pause);
            pauser.join();
            var stop = paused(dbg.awaitStop(WAIT));
            assertThat(stop.cause()).isEqualTo(Stop.Cause.PAUSE_REQUEST);
            assertThat(stop.depth()).isEqualTo(1);
            assertThat(stop.frame().entries().getFirst().call()).isPositive();

            dbg.resume();
            Thread.sleep(50);
            assertThat(dbg.state()).isInstanceOf(DebugState.Running.class);
            var canceller = Thread.ofPlatform().start(dbg::cancel);
            canceller.join();
            assertThat(dbg.awaitStop(WAIT)).isInstanceOf(DebugState.Cancelled.class);
        }
    }

    @Test
    void cancelWhilePausedEndsTheRun() throws Exception {
        var session = Session.create(TestModels.accumulatingLoop());
        var dbg = Debugger.start(session, loopInputs(3), DebugOptions.defaults());
        paused(dbg.awaitStop(WAIT));
        dbg.cancel();
        assertThat(dbg.awaitStop(WAIT)).isInstanceOf(DebugState.Cancelled.class);
        dbg.close();
    }

    @Test
    void hitsANaNBreakpointAfterTheNodeThatProducesIt() throws Exception {
        var g = new Graph(null, "nan");
        input(g, "x", ElementType.FLOAT, 3);
        node(g, "root", "Sqrt", names("x"), names("r"));
        node(g, "plus_one", "Add", names("r", "x"), names("y"));
        output(g, "y");
        var session = Session.create(TestModels.model(g, 17));
        var stops = new java.util.concurrent.CopyOnWriteArrayList<DebugState>();
        try (var dbg = Debugger.start(session, Map.of("x", Tensor.ofFloats(new long[] {3}, 4f, -1f, 9f)),
                DebugOptions.defaults())) {
            dbg.addStopListener(stops::add);
            dbg.addBreakpoint(Breakpoint.nonFinite());
            assertThat(paused(dbg.awaitStop(WAIT)).cause()).isEqualTo(Stop.Cause.ENTRY);
            dbg.resume();
            var stop = paused(dbg.awaitStop(WAIT));
            assertThat(stop.cause()).isEqualTo(Stop.Cause.BREAKPOINT);
            assertThat(stop.position()).isEqualTo(Stop.Position.AFTER_NODE);
            assertThat(stop.node().name()).isEqualTo("root");
            assertThat(((Tensor) stop.outputs().get(0)).floats()[1]).isNaN();
            assertThat(dbg.value("r")).isPresent();
            dbg.removeBreakpoint(Breakpoint.nonFinite());
            dbg.resume();
            assertThat(dbg.awaitStop(WAIT)).isInstanceOf(DebugState.Finished.class);
        }
        assertThat(stops.getLast()).isInstanceOf(DebugState.Finished.class);
        assertThat(stops).anyMatch(s -> s instanceof DebugState.Paused(Stop st) && st.cause() == Stop.Cause.BREAKPOINT);
    }

    @Test
    void stopsWhenAnOutputExceedsABound() throws Exception {
        var session = Session.create(TestModels.accumulatingLoop());
        try (var dbg = Debugger.start(session, loopInputs(100), DebugOptions.defaults().withStopAtEntry(false)
                .withBreakpoint(Breakpoint.maxAbsAbove(10)))) {
            var stop = paused(dbg.awaitStop(WAIT));
            assertThat(stop.node().name()).isEqualTo("accumulate");
            assertThat(((Tensor) stop.outputs().get(0)).floats()).containsExactly(12f);
            assertThat(stop.frame().entries().getFirst().call()).isEqualTo(5);
        }
    }

    @Test
    void retentionPolicyLimitsWhatStaysInspectable() throws Exception {
        var session = Session.create(TestModels.accumulatingLoop());
        try (var dbg = Debugger.start(session, loopInputs(3), DebugOptions.defaults().withStopAtEntry(false)
                .withRetention(RetentionPolicy.none()))) {
            assertThat(dbg.awaitStop(WAIT)).isInstanceOf(DebugState.Finished.class);
            assertThat(dbg.value("total")).isEmpty();
        }
        try (var dbg = Debugger.start(session, loopInputs(3), DebugOptions.defaults().withStopAtEntry(false)
                .withRetention(RetentionPolicy.lastN(1)))) {
            assertThat(dbg.awaitStop(WAIT)).isInstanceOf(DebugState.Finished.class);
            assertThat(dbg.retained().entries()).hasSize(1);
            assertThat(dbg.value("y", FramePath.ROOT)).isPresent();
        }
        try (var dbg = Debugger.start(session, loopInputs(3), DebugOptions.defaults().withStopAtEntry(false)
                .withRetention(RetentionPolicy.byteBudget(8)))) {
            assertThat(dbg.awaitStop(WAIT)).isInstanceOf(DebugState.Finished.class);
            assertThat(dbg.retained().bytes()).isLessThanOrEqualTo(8);
            assertThat(dbg.value("y")).isPresent();
        }
    }
}
