package dev.loupe.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/// ONNX Runtime as the benchmarks' peer: its session options for a thread count, Loupe's inputs as ORT
/// tensors, the check that both runtimes agree before anything is timed, and the median the tables report.
final class OrtPeer {

    private OrtPeer() {
    }

    /// `threads` intra-op threads, one inter-op thread, sequential execution, `level`'s graph optimizations,
    /// and workers that do not spin after a run.
    static OrtSession.SessionOptions options(int threads, OrtSession.SessionOptions.OptLevel level) throws OrtException {
        var options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(level);
        // ORT's intra-op threads otherwise keep spinning after a run, on the core the next contender (Loupe,
        // alternating with it) needs: two-thread runs then measure Loupe on one core.
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    /// Loupe's float32 and int64 inputs as ORT tensors over the same data (the caller closes them).
    static Map<String, OnnxTensor> inputs(OrtEnvironment env, Map<String, RuntimeValue> inputs) throws OrtException {
        var out = new LinkedHashMap<String, OnnxTensor>();
        for (var e : inputs.entrySet()) {
            var t = (Tensor) e.getValue();
            out.put(e.getKey(), switch (t.type()) {
                case FLOAT -> OnnxTensor.createTensor(env, FloatBuffer.wrap(t.floats()), t.shape());
                case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap(t.longs()), t.shape());
                default -> throw new IllegalArgumentException("input '" + e.getKey() + "' of type " + t.type().onnxName()
                        + " is not supported by this benchmark");
            });
        }
        return out;
    }

    /// Fails when a float output of Loupe differs from ORT's by more than 1e-3 relative to ORT's largest value;
    /// prints each output's largest difference.
    static void check(String label, Map<String, RuntimeValue> loupe, OrtSession.Result ort) throws OrtException {
        try (ort) {
            for (var e : ort) {
                var expected = ((OnnxTensor) e.getValue()).getFloatBuffer();
                var actual = ((Tensor) loupe.get(e.getKey())).floats();
                double scale = 0;
                double worst = 0;
                for (int i = 0; i < actual.length; i++) {
                    scale = Math.max(scale, Math.abs(expected.get(i)));
                    worst = Math.max(worst, Math.abs(actual[i] - expected.get(i)));
                }
                System.out.printf(Locale.ROOT, "%s: output %s, max |Loupe - ORT| = %.3g (max |ORT| = %.3g)%n", label, e.getKey(), worst, scale);
                if (!(worst <= 1e-3 * scale)) {
                    throw new IllegalStateException(label + ": Loupe and ORT disagree on " + e.getKey());
                }
            }
        }
    }

    /// The median of `nanos`, in milliseconds.
    static double medianMillis(long[] nanos) {
        var sorted = nanos.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return (sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0) / 1e6;
    }
}
