package dev.loupe.executor.session;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Where the time of a session's runs goes: each step's median time over a few runs, and the steps' times
/// summed by operator. Steps are the nodes of the main graph as the session runs them: in
/// [ExecutionMode#FAST] a fused step (a product with its bias and activation, a convolution with its
/// normalization) counts under its first node, and nodes the plan dropped (folded constants, transposes read
/// in place) do not appear. A node holding subgraphs (`Loop`, `If`, a function call) counts with everything
/// it ran.
///
/// @param steps          the steps, slowest first
/// @param runs           how many runs were profiled
/// @param medianRunNanos the median wall time of those runs
public record RunProfile(List<StepTime> steps, int runs, long medianRunNanos) {

    /// One step: its node and its median time over the profiled runs.
    public record StepTime(Node node, long nanos) {
    }

    /// One operator: the summed times of its steps, how many there are, and their share of all steps' time.
    public record OperatorTime(String opType, long nanos, int steps, double share) {
    }

    public RunProfile {
        steps = List.copyOf(steps);
    }

    /// Runs `session` `runs` times on `inputs` and gathers the steps' times.
    ///
    /// @throws IllegalArgumentException when `runs < 1`
    public static RunProfile of(Session session, Map<String, ? extends RuntimeValue> inputs, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("a profile needs at least one run, got " + runs);
        }
        var times = new LinkedHashMap<Node, long[]>();
        var wall = new long[runs];
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            var result = session.run(inputs);
            wall[run] = System.nanoTime() - start;
            for (var s : result.nodeStats()) {
                if (s.depth() == 0) {
                    times.computeIfAbsent(s.node(), n -> new long[runs])[run] = s.nanos();
                }
            }
        }
        var steps = new ArrayList<StepTime>();
        times.forEach((node, nanos) -> steps.add(new StepTime(node, Benchmark.median(nanos))));
        steps.sort(Comparator.comparingLong(StepTime::nanos).reversed());
        return new RunProfile(steps, runs, Benchmark.median(wall));
    }

    /// The steps' times summed by operator, the largest first.
    public List<OperatorTime> byOperator() {
        long total = stepsNanos();
        var sums = new LinkedHashMap<String, long[]>();
        for (var s : steps) {
            var sum = sums.computeIfAbsent(s.node().opType(), op -> new long[2]);
            sum[0] += s.nanos();
            sum[1]++;
        }
        var operators = new ArrayList<OperatorTime>();
        sums.forEach((op, sum) -> operators.add(new OperatorTime(op, sum[0], (int) sum[1], total == 0 ? 0 : (double) sum[0] / total)));
        operators.sort(Comparator.comparingLong(OperatorTime::nanos).reversed());
        return operators;
    }

    /// The sum of the steps' median times (below the run's median: the rest is the session's own work).
    public long stepsNanos() {
        return steps.stream().mapToLong(StepTime::nanos).sum();
    }
}
