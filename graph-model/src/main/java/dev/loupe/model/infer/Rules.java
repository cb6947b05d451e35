package dev.loupe.model.infer;

import dev.loupe.model.OpsetId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// The registry of shape rules by domain and operator. Each family of operators registers its rules in
/// one class; [#standard()] lists the families.
final class Rules {

    private final Map<String, ShapeRule> rules = new HashMap<>();

    private Rules() {
    }

    /// Every built-in rule.
    static Rules standard() {
        var r = new Rules();
        ElementwiseRules.register(r);
        ReductionRules.register(r);
        LinearAlgebraRules.register(r);
        ConvPoolRules.register(r);
        ReshapeRules.register(r);
        IndexingRules.register(r);
        GeneratorRules.register(r);
        NormalizationRules.register(r);
        RecurrentRules.register(r);
        ControlFlowRules.register(r);
        SequenceRules.register(r);
        SignalRules.register(r);
        MlRules.register(r);
        QuantizationRules.register(r);
        ResizeRules.register(r);
        TrainingRules.register(r);
        return r;
    }

    /// A copy without the rules for `opTypes` of the default domain, so that those operators fall back to
    /// their function bodies (to compare a rule with the body ONNX defines).
    Rules without(String... opTypes) {
        var copy = new Rules();
        copy.rules.putAll(rules);
        for (var op : opTypes) {
            copy.rules.remove(key(OpsetId.ONNX, op));
        }
        return copy;
    }

    /// The rule for an operator, or `null`.
    ShapeRule find(String domain, String opType) {
        return rules.get(key(domain, opType));
    }

    /// Registers `rule` for operators of the default domain.
    void add(ShapeRule rule, String... opTypes) {
        addIn(OpsetId.ONNX, rule, opTypes);
    }

    void add(List<String> opTypes, ShapeRule rule) {
        add(rule, opTypes.toArray(String[]::new));
    }

    void addIn(String domain, ShapeRule rule, String... opTypes) {
        for (var op : opTypes) {
            if (rules.put(key(domain, op), rule) != null) {
                throw new IllegalStateException("two shape rules for " + op);
            }
        }
    }

    private static String key(String domain, String opType) {
        return OpsetId.canonicalDomain(domain) + ":" + opType;
    }
}
