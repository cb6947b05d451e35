package dev.loupe.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// ONNX Runtime's own time per node of a model, from its profiler: the peer's side of `ModelComparison
/// --profile`, so that Loupe's time by operator can be read against ORT's. ORT names the nodes of its optimized
/// graph (a convolution fused with its `Relu` and reordered to blocked channels is `/relu/Relu_output_0_nchwc`),
/// so the comparison is by operator and by stage rather than node by node.
///
/// @param nodes   each node's median kernel time over the measured runs, slowest first
/// @param runNanos the median time of a whole run as the profiler saw it
record OrtProfile(List<NodeTime> nodes, long runNanos) {

    /// One node of ORT's optimized graph: its name, operator and median kernel time.
    record NodeTime(String name, String opType, long nanos) {
    }

    /// The time of all nodes of one operator and its share of the nodes' total.
    record OperatorTime(String opType, long nanos, double share) {
    }

    /// Profiles `warmup + runs` runs of `model` on `inputs` in a session with all of ORT's graph optimizations and
    /// `threads` threads ([OrtPeer#options]) and keeps the last `runs`; the profiler's file goes to a temporary
    /// folder, removed afterwards.
    static OrtProfile measure(OrtEnvironment env, Path model, int threads, Map<String, OnnxTensor> inputs, int warmup,
                              int runs) throws OrtException, IOException {
        var dir = Files.createTempDirectory("loupe-ort-profile");
        try (var options = OrtPeer.options(threads, OrtSession.SessionOptions.OptLevel.ALL_OPT)) {
            options.enableProfiling(dir.resolve("ort").toString());
            String file;
            try (var session = env.createSession(model.toString(), options)) {
                for (int i = 0; i < warmup + runs; i++) {
                    session.run(inputs).close();
                }
                file = session.endProfiling();
            }
            return parse(Files.readString(Path.of(file)), runs);
        } finally {
            try (var files = Files.list(dir)) {
                for (var f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /// The profile in `json`, ORT's trace format: an array of events, a node's kernel time being an event of
    /// category `Node` named after the node with `_kernel_time` appended, its operator in `args.op_name`, and a
    /// run an event of category `Session` named `model_run`; durations in microseconds. Only each node's last
    /// `runs` times, and the last `runs` runs, count.
    static OrtProfile parse(String json, int runs) {
        var times = new LinkedHashMap<String, List<Long>>();
        var operators = new LinkedHashMap<String, String>();
        var runTimes = new ArrayList<Long>();
        for (var element : JsonParser.parseString(json).getAsJsonArray()) {
            var event = element.getAsJsonObject();
            String category = text(event.get("cat"));
            String name = text(event.get("name"));
            var duration = event.get("dur");
            if (duration == null || name == null) {
                continue;
            }
            long nanos = duration.getAsLong() * 1000;
            if ("Node".equals(category) && name.endsWith("_kernel_time")) {
                var node = name.substring(0, name.length() - "_kernel_time".length());
                times.computeIfAbsent(node, n -> new ArrayList<>()).add(nanos);
                var args = event.getAsJsonObject("args");
                var op = args == null ? null : text(args.get("op_name"));
                operators.putIfAbsent(node, op == null ? "?" : op);
            } else if ("Session".equals(category) && name.equals("model_run")) {
                runTimes.add(nanos);
            }
        }
        var nodes = new ArrayList<NodeTime>();
        times.forEach((node, list) -> nodes.add(new NodeTime(node, operators.get(node), median(last(list, runs)))));
        nodes.sort(Comparator.comparingLong(NodeTime::nanos).reversed());
        return new OrtProfile(List.copyOf(nodes), runTimes.isEmpty() ? 0 : median(last(runTimes, runs)));
    }

    /// The nodes' time summed by operator, largest first.
    List<OperatorTime> byOperator() {
        var sums = new LinkedHashMap<String, Long>();
        nodes.forEach(n -> sums.merge(n.opType(), n.nanos(), Long::sum));
        long total = nodesNanos();
        return sums.entrySet().stream()
                .map(e -> new OperatorTime(e.getKey(), e.getValue(), total == 0 ? 0 : (double) e.getValue() / total))
                .sorted(Comparator.comparingLong(OperatorTime::nanos).reversed())
                .toList();
    }

    /// The sum of the nodes' median times.
    long nodesNanos() {
        return nodes.stream().mapToLong(NodeTime::nanos).sum();
    }

    private static String text(JsonElement element) {
        return element == null || element.isJsonNull() ? null : element.getAsString();
    }

    private static List<Long> last(List<Long> values, int count) {
        return values.subList(Math.max(0, values.size() - count), values.size());
    }

    private static long median(List<Long> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
