package dev.loupe.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OrtProfileTest {

    /// A trace in ORT's format, four runs of two nodes: session set-up events without a duration, fences around
    /// each kernel, and a first run far slower than the others.
    private static final String TRACE = "[\n"
            + "{\"cat\" : \"Session\",\"pid\" :1,\"tid\" :1,\"dur\" :4000,\"ts\" :1,\"ph\" : \"X\",\"name\" :\"session_initialization\",\"args\" : {}},\n"
            + "{\"cat\" : \"Session\",\"pid\" :1,\"tid\" :1,\"ts\" :2,\"ph\" : \"M\",\"name\" :\"process_name\",\"args\" : {\"name\" : \"ort\"}},\n"
            + run(500, 5, 900) + run(20, 7, 100) + run(40, 6, 120) + run(30, 8, 110)
            + "{\"cat\" : \"Session\",\"pid\" :1,\"tid\" :1,\"dur\" :0,\"ts\" :99,\"ph\" : \"X\",\"name\" :\"end\",\"args\" : {}}\n"
            + "]";

    private static String run(int conv, int relu, int total) {
        return node("/conv/Conv", "Conv", conv) + node("/relu/Relu", "Relu", relu)
                + "{\"cat\" : \"Session\",\"pid\" :1,\"tid\" :1,\"dur\" :" + total + ",\"ts\" :10,\"ph\" : \"X\",\"name\" :\"model_run\",\"args\" : {}},\n";
    }

    private static String node(String name, String op, int micros) {
        var args = ",\"args\" : {\"op_name\" : \"" + op + "\",\"provider\" : \"CPUExecutionProvider\"}},\n";
        return "{\"cat\" : \"Node\",\"pid\" :1,\"tid\" :1,\"dur\" :0,\"ts\" :5,\"ph\" : \"X\",\"name\" :\"" + name + "_fence_before\"" + args
                + "{\"cat\" : \"Node\",\"pid\" :1,\"tid\" :1,\"dur\" :" + micros + ",\"ts\" :6,\"ph\" : \"X\",\"name\" :\"" + name + "_kernel_time\"" + args
                + "{\"cat\" : \"Node\",\"pid\" :1,\"tid\" :1,\"dur\" :0,\"ts\" :7,\"ph\" : \"X\",\"name\" :\"" + name + "_fence_after\"" + args;
    }

    @Test
    void keepsTheMediansOfTheLastRunsOfEachNode() {
        var profile = OrtProfile.parse(TRACE, 3);

        // Last three runs: Conv 20, 40, 30 µs; Relu 7, 6, 8 µs; runs 100, 120, 110 µs. With the first run the
        // medians would be 40 µs, 7 µs and 120 µs.
        assertThat(profile.nodes()).extracting(OrtProfile.NodeTime::name).containsExactly("/conv/Conv", "/relu/Relu");
        assertThat(profile.nodes()).extracting(OrtProfile.NodeTime::nanos).containsExactly(30_000L, 7_000L);
        assertThat(profile.nodes()).extracting(OrtProfile.NodeTime::opType).containsExactly("Conv", "Relu");
        assertThat(profile.runNanos()).isEqualTo(110_000L);
        assertThat(profile.nodesNanos()).isEqualTo(37_000L);
    }

    @Test
    void sumsTheNodesByOperator() {
        var profile = OrtProfile.parse(TRACE, 3);

        var byOperator = profile.byOperator();

        assertThat(byOperator).extracting(OrtProfile.OperatorTime::opType).containsExactly("Conv", "Relu");
        assertThat(byOperator.getFirst().share()).isCloseTo(30.0 / 37, within(1e-12));
        assertThat(byOperator.getLast().nanos()).isEqualTo(7_000L);
    }

    /// ORT's real profiler on a small convolutional block: every node it reports has a time and an operator,
    /// and the convolutions are among them.
    @Test
    void profilesARealSession() throws Exception {
        var model = Path.of("../src/test/resources/fixtures/torch_resnet_block/model.onnx");
        var env = OrtEnvironment.getEnvironment();
        String input;
        long[] shape;
        try (var session = env.createSession(model.toString())) {
            var info = (ai.onnxruntime.TensorInfo) session.getInputInfo().values().iterator().next().getInfo();
            input = session.getInputNames().iterator().next();
            shape = info.getShape();
        }
        int size = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Math.max(1, shape[i]);
            size *= (int) shape[i];
        }
        try (var x = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[size]), shape)) {
            long before = profileFolders();

            var profile = OrtProfile.measure(env, model, 1, Map.of(input, x), 2, 3);

            assertThat(profile.nodes()).isNotEmpty().allSatisfy(n -> {
                assertThat(n.nanos()).isPositive();
                assertThat(n.opType()).isNotBlank();
            });
            assertThat(profile.byOperator()).extracting(OrtProfile.OperatorTime::opType).contains("Conv");
            assertThat(profile.runNanos()).isPositive();
            assertThat(profileFolders()).as("the profiler's folder is removed").isEqualTo(before);
        }
    }

    private static long profileFolders() throws java.io.IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("loupe-ort-profile")).count();
        }
    }
}
