package dev.loupe.it.ort;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.loupe.executor.io.InputLoader;
import dev.loupe.model.DataValue;
import dev.loupe.model.ElementType;
import dev.loupe.model.Model;
import dev.loupe.model.TensorData;
import dev.loupe.model.io.ModelWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/// Runs models in ONNX Runtime (Java API) on tensors read from `.pb` files, and compares float outputs.
final class OrtRunner {

    /// A float output: its shape and values.
    record Output(long[] shape, float[] values) {
    }

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private OrtRunner() {
    }

    /// The tensor a `.pb` value file holds.
    static TensorData read(Path file) throws Exception {
        return ((DataValue.TensorValue) InputLoader.readData(file, null)).tensor();
    }

    /// Runs `model`, serialized as Loupe saves it, on `inputs` (by input name); float outputs by name.
    static Map<String, Output> run(Model model, Map<String, TensorData> inputs) throws Exception {
        return run(ModelWriter.toBytes(model), inputs);
    }

    static Map<String, Output> run(byte[] model, Map<String, TensorData> inputs) throws OrtException {
        var feeds = new LinkedHashMap<String, OnnxTensor>();
        try (var options = new OrtSession.SessionOptions(); var session = ENV.createSession(model, options)) {
            for (var e : inputs.entrySet()) {
                feeds.put(e.getKey(), tensor(e.getValue()));
            }
            var out = new LinkedHashMap<String, Output>();
            try (var result = session.run(feeds)) {
                for (var e : result) {
                    var t = (OnnxTensor) e.getValue();
                    var buffer = t.getFloatBuffer();
                    var values = new float[buffer.remaining()];
                    buffer.get(values);
                    out.put(e.getKey(), new Output(t.getInfo().getShape(), values));
                }
            }
            return out;
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private static OnnxTensor tensor(TensorData data) throws OrtException {
        var bytes = data.bytes();
        var buffer = ByteBuffer.allocateDirect((int) bytes.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(bytes.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN)).flip();
        if (data.elementType() == ElementType.FLOAT) {
            FloatBuffer floats = buffer.asFloatBuffer();
            return OnnxTensor.createTensor(ENV, floats, data.dims());
        }
        var type = switch (data.elementType()) {
            case BOOL -> OnnxJavaType.BOOL;
            case INT64 -> OnnxJavaType.INT64;
            case INT32 -> OnnxJavaType.INT32;
            default -> throw new IllegalArgumentException("no ORT input for " + data);
        };
        return OnnxTensor.createTensor(ENV, buffer, data.dims(), type);
    }

    /// The largest `|a - b| - rtol * |b|` over all elements (≤ `atol` means they match), or infinity when the
    /// shapes differ.
    static double worstExcess(Output a, Output b, double rtol) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (int i = 0; i < a.values().length; i++) {
            worst = Math.max(worst, Math.abs(a.values()[i] - b.values()[i]) - rtol * Math.abs(b.values()[i]));
        }
        return worst;
    }
}
