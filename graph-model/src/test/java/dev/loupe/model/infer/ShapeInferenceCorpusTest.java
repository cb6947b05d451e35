package dev.loupe.model.infer;

import dev.loupe.model.testing.OnnxTestData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import dev.loupe.model.io.ModelReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/// Inference against the ONNX test data: every graph output's inferred type must equal the type the model
/// declares. In the `node` suite that means element type and shape; a case that cannot agree (its output
/// shape depends on input values) is listed with the reason in `shape-inference-exceptions.txt`, and a
/// listed case that agrees fails the test too, so the list only shrinks. The other suites must agree on
/// the element type of every output.
class ShapeInferenceCorpusTest {

    private static final String EXCEPTIONS = "/shape-inference-exceptions.txt";

    @Test
    void nodeSuiteOutputsAgreeWithTheDeclaredTypes() throws Exception {
        var exceptions = exceptions();
        var unexpected = new ArrayList<String>();
        var nowAgreeing = new ArrayList<String>();
        int outputs = 0;
        int agreeing = 0;
        int elementAgreeing = 0;
        int cases = 0;
        for (var dir : cases("node")) {
            var name = dir.getFileName().toString();
            cases++;
            var mismatches = new ArrayList<String>();
            try (var model = ModelReader.read(dir.resolve("model.onnx"))) {
                ShapeInference.infer(model);
                for (var out : model.graph().outputs()) {
                    outputs++;
                    if (agrees(out)) {
                        agreeing++;
                    } else {
                        mismatches.add(describe(out));
                    }
                    if (sameElementType(out)) {
                        elementAgreeing++;
                    }
                }
            }
            if (!mismatches.isEmpty() && !exceptions.containsKey(name)) {
                unexpected.add(name + ": " + String.join("; ", mismatches));
            } else if (mismatches.isEmpty() && exceptions.containsKey(name)) {
                nowAgreeing.add(name);
            }
        }
        System.out.printf("node suite: %d cases, %d outputs, %d agree on element type and shape (%.1f%%), "
                        + "%d on element type (%.1f%%); %d cases listed as exceptions%n", cases, outputs, agreeing,
                100.0 * agreeing / outputs, elementAgreeing, 100.0 * elementAgreeing / outputs, exceptions.size());
        assertThat(unexpected).as("cases whose outputs disagree and are not in " + EXCEPTIONS).isEmpty();
        assertThat(nowAgreeing).as("cases in " + EXCEPTIONS + " that now agree: remove them from the list").isEmpty();
    }

    @Test
    void otherSuitesAgreeOnElementTypes() throws Exception {
        var disagreeing = new ArrayList<String>();
        for (var suite : List.of("simple", "pytorch-converted", "pytorch-operator")) {
            int outputs = 0;
            int agreeing = 0;
            int shapes = 0;
            for (var dir : cases(suite)) {
                try (var model = ModelReader.read(dir.resolve("model.onnx"))) {
                    ShapeInference.infer(model);
                    for (var out : model.graph().outputs()) {
                        outputs++;
                        if (sameElementType(out)) {
                            agreeing++;
                        } else {
                            disagreeing.add(suite + "/" + dir.getFileName() + ": " + describe(out));
                        }
                        if (agrees(out)) {
                            shapes++;
                        }
                    }
                }
            }
            System.out.printf("%s: %d outputs, %d agree on element type, %d also on shape%n", suite, outputs, agreeing, shapes);
        }
        assertThat(disagreeing).isEmpty();
    }

    /// Whether the inferred type says exactly what the declared type says: equal element types and, where
    /// the declaration states a shape, the same shape (a declaration such as `seq(float)` that states no
    /// shape cannot contradict an inferred `seq(float[5])`).
    private static boolean agrees(Value out) {
        return Types.agree(shapesOnlyWhere(out.inferredType(), out.type()), out.type());
    }

    private static TypeInfo shapesOnlyWhere(TypeInfo inferred, TypeInfo declared) {
        return switch (inferred) {
            case TypeInfo.TensorType i when declared instanceof TypeInfo.TensorType d && d.shape() == null ->
                    new TypeInfo.TensorType(i.elementType(), null);
            case TypeInfo.SequenceType i when declared instanceof TypeInfo.SequenceType d ->
                    new TypeInfo.SequenceType(shapesOnlyWhere(i.elementType(), d.elementType()), null);
            case TypeInfo.OptionalType i when declared instanceof TypeInfo.OptionalType d ->
                    new TypeInfo.OptionalType(shapesOnlyWhere(i.elementType(), d.elementType()), null);
            case null, default -> inferred;
        };
    }

    private static boolean sameElementType(Value out) {
        var declared = out.type();
        var inferred = out.inferredType();
        if (declared instanceof TypeInfo.TensorType d) {
            return inferred instanceof TypeInfo.TensorType i && i.elementType() == d.elementType();
        }
        return Types.agree(element(inferred), element(declared));
    }

    /// The innermost tensor element of sequence and optional types, compared without shapes.
    private static TypeInfo element(TypeInfo t) {
        return switch (t) {
            case TypeInfo.SequenceType s -> new TypeInfo.SequenceType(element(s.elementType()), null);
            case TypeInfo.OptionalType o -> new TypeInfo.OptionalType(element(o.elementType()), null);
            case TypeInfo.TensorType tt -> new TypeInfo.TensorType(tt.elementType(), null);
            case null, default -> t;
        };
    }

    private static String describe(Value out) {
        return "'" + out.name() + "' declared " + out.type() + ", inferred " + out.inferredType();
    }

    private static List<Path> cases(String suite) throws IOException {
        try (var s = Files.list(OnnxTestData.root().resolve(suite))) {
            return s.filter(d -> Files.isRegularFile(d.resolve("model.onnx"))).sorted().toList();
        }
    }

    /// Case name → reason, from the checked-in list.
    private static Map<String, String> exceptions() throws IOException {
        var out = new TreeMap<String, String>();
        try (InputStream in = ShapeInferenceCorpusTest.class.getResourceAsStream(EXCEPTIONS)) {
            if (in == null) {
                return out;
            }
            for (var line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                var trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                var parts = trimmed.split("\\s+", 2);
                out.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return new LinkedHashMap<>(out);
    }
}
