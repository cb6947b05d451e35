package dev.loupe.executor.session;

import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;
import dev.loupe.model.Model;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Benchmark.median(new long[] {5, 1, 3})).isEqualTo(3);
        assertThat(Benchmark.median(new long[] {4, 1, 3, 10})).isEqualTo(3);
        var r = new Benchmark.Result(1, 5L, List.of(7L, 2L, 9L), 1, 0, 0, ExecutionMode.DEBUG);
        assertThat(r.medianNanos()).isEqualTo(7);
        assertThat(r.minNanos()).isEqualTo(2);
        assertThat(r.maxNanos()).isEqualTo(9);
        assertThat(r.runs()).isEqualTo(3);
    }

    @Test
    void timesRunsOfARealSession() {
        var session = Session.create(relu());
        var inputs = Benchmark.randomInputs(session, 42);
        assertThat(inputs).containsOnlyKeys(session.requiredInputs().stream().map(v -> v.name()).toArray(String[]::new));
        var t = (Tensor) inputs.values().iterator().next();
        assertThat(t.type()).isEqualTo(ElementType.FLOAT);
        var result = Benchmark.run(session, inputs, 2, 5);
        assertThat(result.runs()).isEqualTo(5);
        assertThat(result.warmup()).isEqualTo(2);
        assertThat(result.warmupNanos()).isPositive();
        assertThat(result.minNanos()).isPositive().isLessThanOrEqualTo(result.medianNanos());
        assertThat(result.maxNanos()).isGreaterThanOrEqualTo(result.medianNanos());
        assertThat(result.threads()).isEqualTo(1);
        assertThat(Benchmark.randomInputs(session, 42).values().iterator().next().describe()).isEqualTo(t.describe());
    }

    /// A warm-up time keeps the untimed runs going past their count until it has passed.
    @Test
    void warmsUpForAtLeastTheGivenTime() {
        var session = Session.create(relu());
        var inputs = Benchmark.randomInputs(session, 3);
        long start = System.nanoTime();
        var result = Benchmark.run(session, inputs, 1, java.time.Duration.ofMillis(150), 2);
        assertThat(result.warmupNanos()).isGreaterThanOrEqualTo(150_000_000L).isLessThanOrEqualTo(System.nanoTime() - start);
        assertThat(result.warmup()).isGreaterThan(1);
        assertThat(result.runs()).isEqualTo(2);
        assertThatThrownBy(() -> Benchmark.run(session, inputs, 1, java.time.Duration.ofMillis(-1), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNoTimedRuns() {
        var session = Session.create(relu());
        assertThatThrownBy(() -> Benchmark.run(session, Benchmark.randomInputs(session, 1), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Model relu() {
        var g = new Graph(null, "relu");
        TestModels.input(g, "x", ElementType.FLOAT, 2, 3);
        TestModels.node(g, "r", "Relu", TestModels.names("x"), TestModels.names("y"));
        TestModels.output(g, "y");
        return TestModels.model(g, 17);
    }
}
