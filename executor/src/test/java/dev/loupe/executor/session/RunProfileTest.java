package dev.loupe.executor.session;

import dev.loupe.executor.kernels.BuiltinKernels;
import dev.loupe.model.Attribute;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.loupe.executor.session.FastModeTest.init;
import static dev.loupe.executor.session.TestModels.input;
import static dev.loupe.executor.session.TestModels.names;
import static dev.loupe.executor.session.TestModels.node;
import static dev.loupe.executor.session.TestModels.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class RunProfileTest {

    /// `Conv`, `Relu`, `Transpose`, `Relu`: four steps in debug mode, two `Relu` under one operator; in fast
    /// mode the first `Relu` runs inside the convolution's step.
    private static Graph model() {
        var g = new Graph(null, "profiled");
        input(g, "x", ElementType.FLOAT, 1, 3, 12, 12);
        init(g, "w", new SplittableRandom(1), -1, 1, 4, 3, 3, 3);
        node(g, "conv", "Conv", names("x", "w"), names("c"));
        node(g, "relu", "Relu", names("c"), names("r"));
        node(g, "swap", "Transpose", names("r"), names("t"), Attribute.ofInts("perm", 0, 1, 3, 2));
        node(g, "relu2", "Relu", names("t"), names("y"));
        output(g, "y");
        return g;
    }

    @Test
    void everyStepOnceSlowestFirstAndSummedByOperator() {
        var session = Session.create(TestModels.model(model(), 13));
        var profile = RunProfile.of(session, Benchmark.randomInputs(session, 1), 5);
        assertThat(profile.runs()).isEqualTo(5);
        assertThat(profile.steps()).extracting(s -> s.node().name()).containsExactlyInAnyOrder("conv", "relu", "swap", "relu2");
        for (int i = 1; i < profile.steps().size(); i++) {
            assertThat(profile.steps().get(i).nanos()).isLessThanOrEqualTo(profile.steps().get(i - 1).nanos());
        }
        var operators = profile.byOperator();
        assertThat(operators).extracting(RunProfile.OperatorTime::opType).containsExactlyInAnyOrder("Conv", "Relu", "Transpose");
        var relu = operators.stream().filter(o -> o.opType().equals("Relu")).findFirst().orElseThrow();
        assertThat(relu.steps()).isEqualTo(2);
        long reluSteps = profile.steps().stream().filter(s -> s.node().opType().equals("Relu")).mapToLong(RunProfile.StepTime::nanos).sum();
        assertThat(relu.nanos()).isEqualTo(reluSteps);
        assertThat(operators.stream().mapToDouble(RunProfile.OperatorTime::share).sum()).isCloseTo(1.0, offset(1e-9));
        assertThat(profile.stepsNanos()).isLessThanOrEqualTo(profile.medianRunNanos() * 2);
    }

    @Test
    void aFusedStepCountsUnderItsFirstNode() {
        var session = Session.create(TestModels.model(model(), 13), BuiltinKernels.registry(),
                SessionOptions.defaults().withMode(ExecutionMode.FAST));
        var profile = RunProfile.of(session, Benchmark.randomInputs(session, 1), 2);
        assertThat(profile.steps()).extracting(s -> s.node().name()).containsExactlyInAnyOrder("conv", "swap", "relu2");
    }

    @Test
    void needsARun() {
        var session = Session.create(TestModels.model(model(), 13));
        assertThatThrownBy(() -> RunProfile.of(session, Benchmark.randomInputs(session, 1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
