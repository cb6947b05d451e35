package dev.loupe.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.OpsetId;
import org.junit.jupiter.api.Test;

/// Loading the bundled catalogue and resolving versions. Expected values are those of the ONNX operator
/// specification (Operators.md, Operators-ml.md), not read back from the catalogue.
class OpSchemasTest {

    private final OpSchemas schemas = OpSchemas.standard();

    @Test
    void standardCatalogueLoadsOnceWithTheThreeStandardDomains() {
        assertThat(OpSchemas.standard()).isSameAs(schemas);
        assertThat(schemas.domains()).containsExactly(OpsetId.ONNX, OpsetId.ONNX_ML, OpsetId.TRAINING);
        assertThat(schemas.onnxVersion()).isNotBlank();
        assertThat(schemas.opTypes("")).contains("Conv", "Relu", "Loop", "Softmax").hasSizeGreaterThan(150);
    }

    @Test
    void resolvesToTheHighestSinceVersionAtOrBelowTheOpset() {
        assertThat(schemas.find("", "Softmax", 12)).hasValueSatisfying(s -> assertThat(s.sinceVersion()).isEqualTo(11));
        assertThat(schemas.find("", "Softmax", 13)).hasValueSatisfying(s -> assertThat(s.sinceVersion()).isEqualTo(13));
        assertThat(schemas.find("", "Relu", 17)).hasValueSatisfying(s -> assertThat(s.sinceVersion()).isEqualTo(14));
        assertThat(schemas.find("", "Relu", 6)).hasValueSatisfying(s -> assertThat(s.sinceVersion()).isEqualTo(6));
    }

    @Test
    void nothingBeforeTheFirstVersionOrForUnknownOperatorsAndDomains() {
        assertThat(schemas.find("", "LayerNormalization", 16)).isEmpty();
        assertThat(schemas.find("", "NoSuchOp", 17)).isEmpty();
        assertThat(schemas.find("com.example", "Relu", 17)).isEmpty();
        assertThat(schemas.versions("", "NoSuchOp")).isEmpty();
        assertThat(schemas.opTypes("com.example")).isEmpty();
    }

    @Test
    void aiOnnxIsTheDefaultDomain() {
        assertThat(schemas.find("ai.onnx", "Softmax", 12)).isEqualTo(schemas.find("", "Softmax", 12));
        assertThat(schemas.find(null, "Relu", 14)).isEqualTo(schemas.find("", "Relu", 14));
        assertThat(schemas.opTypes("ai.onnx")).isEqualTo(schemas.opTypes(""));
        assertThat(schemas.find("ai.onnx", "Relu", 14)).hasValueSatisfying(s -> assertThat(s.domain()).isEmpty());
    }

    @Test
    void versionsAreListedInAscendingOrder() {
        assertThat(schemas.versions("", "Relu")).extracting(OpSchema::sinceVersion).containsExactly(1L, 6L, 13L, 14L);
        assertThat(schemas.versions("ai.onnx", "Softmax")).extracting(OpSchema::sinceVersion).containsExactly(1L, 11L, 13L);
    }

    @Test
    void machineLearningDomain() {
        assertThat(schemas.versions(OpsetId.ONNX_ML, "TreeEnsembleClassifier"))
                .extracting(OpSchema::sinceVersion).containsExactly(1L, 3L);
        assertThat(schemas.find(OpsetId.ONNX_ML, "TreeEnsembleClassifier", 3)).hasValueSatisfying(s -> {
            assertThat(s.sinceVersion()).isEqualTo(3);
            assertThat(s.category()).isEqualTo(Category.ML);
        });
        assertThat(schemas.opTypes(OpsetId.ONNX_ML)).contains("LinearClassifier", "ZipMap", "LabelEncoder");
        assertThat(schemas.find("", "TreeEnsembleClassifier", 3)).isEmpty();
    }

    @Test
    void trainingDomain() {
        assertThat(schemas.opTypes(OpsetId.TRAINING)).contains("Adam", "Adagrad", "Momentum", "Gradient");
        assertThat(schemas.find(OpsetId.TRAINING, "Adam", 1)).hasValueSatisfying(s -> {
            assertThat(s.sinceVersion()).isEqualTo(1);
            assertThat(s.category()).isEqualTo(Category.TRAINING);
        });
    }

    @Test
    void everyDefaultMatchesItsAttributeAndEveryStoredBodyDecodes() {
        for (var domain : schemas.domains()) {
            for (var opType : schemas.opTypes(domain)) {
                for (var schema : schemas.versions(domain, opType)) {
                    schema.attributes().stream().filter(AttributeSpec::hasDefault).forEach(a -> assertThat(
                            a.defaultValue().type()).as("%s.%s", schema, a.name()).isEqualTo(a.type()));
                    if (schema.functionBody() instanceof FunctionBody.Stored body) {
                        assertThat(body.decode().body().nodes()).as("%s", schema).isNotEmpty();
                    }
                }
            }
        }
    }

    @Test
    void deprecatedVersionsResolveAndSaySo() {
        assertThat(schemas.find("", "Upsample", 10)).hasValueSatisfying(s -> assertThat(s.deprecated()).isTrue());
        assertThat(schemas.find("", "Upsample", 9)).hasValueSatisfying(s -> assertThat(s.deprecated()).isFalse());
    }
}
