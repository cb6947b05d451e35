package dev.loupe.model.infer;

import dev.loupe.model.AttributeValue;
import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Shape;
import dev.loupe.model.TypeInfo;
import java.util.ArrayList;
import java.util.List;

/// Classical machine learning: the `ai.onnx.ml` operators whose output types follow simply from their
/// attributes (label types from `classlabels_*`, widths from target counts), and the text operators
/// `StringNormalizer` and `TfIdfVectorizer` of the default domain.
final class MlRules {

    private MlRules() {
    }

    static void register(Rules r) {
        r.add(MlRules::stringNormalizer, "StringNormalizer");
        r.add(MlRules::tfIdf, "TfIdfVectorizer");
        var ml = OpsetId.ONNX_ML;
        r.addIn(ml, c -> c.set(0, ElementType.FLOAT, c.shape(0)), "Binarizer", "Scaler", "Normalizer");
        r.addIn(ml, c -> c.copy(0, 0), "Imputer");
        r.addIn(ml, MlRules::labelEncoder, "LabelEncoder");
        r.addIn(ml, c -> c.set(0, c.elem(0) == ElementType.STRING ? ElementType.INT64 : ElementType.STRING, c.shape(0)),
                "CategoryMapper");
        r.addIn(ml, MlRules::arrayFeatureExtractor, "ArrayFeatureExtractor");
        r.addIn(ml, c -> c.set(0, new TypeInfo.SequenceType(new TypeInfo.MapType(labelType(c), Shapes.tensor(ElementType.FLOAT,
                (Shape) null), null), null)), "ZipMap");
        r.addIn(ml, MlRules::classifier, "LinearClassifier", "SVMClassifier", "TreeEnsembleClassifier");
        r.addIn(ml, c -> regressor(c, c.intAttr("targets", 1)), "LinearRegressor");
        r.addIn(ml, c -> regressor(c, 1), "SVMRegressor");
        r.addIn(ml, c -> regressor(c, c.intAttr("n_targets", 1)), "TreeEnsembleRegressor");
        r.addIn(ml, MlRules::oneHotEncoder, "OneHotEncoder");
        r.addIn(ml, MlRules::featureVectorizer, "FeatureVectorizer");
        r.addIn(ml, MlRules::cast, "Cast");
    }

    private static void stringNormalizer(NodeContext c) {
        var in = c.shape(0);
        var stopwords = c.attr("stopwords");
        boolean filters = stopwords != null && stopwords.value() instanceof AttributeValue.Strings(var v) && !v.isEmpty();
        if (in == null || !filters) {
            c.set(0, ElementType.STRING, in);
            return;
        }
        var dims = new ArrayList<>(in.dims());
        dims.set(dims.size() - 1, Dims.UNKNOWN);
        c.set(0, ElementType.STRING, dims);
    }

    private static void tfIdf(NodeContext c) {
        var in = c.shape(0);
        var indexes = c.intsAttr("ngram_indexes");
        Dim width = Dims.UNKNOWN;
        if (indexes != null && indexes.length > 0) {
            width = Dim.of(java.util.Arrays.stream(indexes).max().orElse(-1) + 1);
        }
        if (in == null || in.rank() < 1 || in.rank() > 2) {
            c.setElem(0, ElementType.FLOAT);
            return;
        }
        c.set(0, ElementType.FLOAT, in.rank() == 1 ? List.of(width) : List.of(in.dim(0), width));
    }

    private static void labelEncoder(NodeContext c) {
        ElementType type;
        if (c.hasAttr("values_strings")) {
            type = ElementType.STRING;
        } else if (c.hasAttr("values_int64s")) {
            type = ElementType.INT64;
        } else if (c.hasAttr("values_floats")) {
            type = ElementType.FLOAT;
        } else {
            var t = c.tensorAttr("values_tensor");
            type = t == null ? null : t.elementType();
        }
        c.set(0, type, c.shape(0));
    }

    private static void arrayFeatureExtractor(NodeContext c) {
        var x = c.shape(0);
        var indices = c.shape(1);
        if (x == null || indices == null) {
            c.setElem(0, c.elem(0));
            return;
        }
        var dims = new ArrayList<>(x.rank() <= 1 ? List.of(Dims.ONE) : x.dims().subList(0, x.rank() - 1));
        dims.add(Dims.product(indices.dims()));
        c.set(0, c.elem(0), dims);
    }

    private static ElementType labelType(NodeContext c) {
        return c.hasAttr("classlabels_strings") ? ElementType.STRING : ElementType.INT64;
    }

    private static Dim batch(NodeContext c) {
        var x = c.shape(0);
        return x != null && x.rank() >= 1 ? x.dim(0) : Dims.UNKNOWN;
    }

    private static void classifier(NodeContext c) {
        var name = c.hasAttr("classlabels_strings") ? "classlabels_strings"
                : c.hasAttr("classlabels_int64s") ? "classlabels_int64s" : "classlabels_ints";
        var labels = c.attr(name) == null ? null : c.attr(name).value();
        int classes = switch (labels) {
            case AttributeValue.Strings(var v) -> v.size();
            case AttributeValue.Ints(long[] v) -> v.length;
            case null, default -> -1;
        };
        c.set(0, labelType(c), List.of(batch(c)));
        c.set(1, ElementType.FLOAT, List.of(batch(c), classes > 0 ? Dim.of(classes) : Dims.UNKNOWN));
    }

    private static void regressor(NodeContext c, long targets) {
        c.set(0, ElementType.FLOAT, List.of(batch(c), Dim.of(targets)));
    }

    private static void oneHotEncoder(NodeContext c) {
        var x = c.shape(0);
        long categories = c.hasAttr("cats_strings") && c.attr("cats_strings").value() instanceof AttributeValue.Strings(var v)
                ? v.size() : c.intsAttr("cats_int64s") != null ? c.intsAttr("cats_int64s").length : -1;
        if (x == null) {
            c.setElem(0, ElementType.FLOAT);
            return;
        }
        var dims = new ArrayList<>(x.dims());
        if (c.intAttr("zeros", 1) == 0 || categories >= 0) {
            dims.add(categories >= 0 ? Dim.of(categories) : Dims.UNKNOWN);
        }
        c.set(0, ElementType.FLOAT, dims);
    }

    private static void featureVectorizer(NodeContext c) {
        var sizes = c.intsAttr("inputdimensions");
        long total = sizes == null ? -1 : java.util.Arrays.stream(sizes).sum();
        c.set(0, ElementType.FLOAT, List.of(batch(c), total >= 0 ? Dim.of(total) : Dims.UNKNOWN));
    }

    private static void cast(NodeContext c) {
        var to = switch (c.stringAttr("cast_to", "TO_FLOAT")) {
            case "TO_STRING" -> ElementType.STRING;
            case "TO_INT64" -> ElementType.INT64;
            default -> ElementType.FLOAT;
        };
        c.set(0, to, c.shape(0));
    }
}
