package dev.loupe.model.infer;

import dev.loupe.model.Model;
import dev.loupe.model.check.Problem;
import dev.loupe.model.schema.OpSchemas;
import java.util.List;

/// Shape and type inference: computes, for every value it can, the element type and shape (with symbolic
/// dimensions kept) and stores it with [dev.loupe.model.Value#setInferredType]. The declared type
/// ([dev.loupe.model.Value#type()]) is never changed; it refines what inference passes on to later nodes.
///
/// Works through subgraphs (`If` branches, `Loop` and `Scan` bodies receive their inputs' types),
/// model-local functions (inferred at each call site; a body value gets a type only when all calls agree)
/// and standard operators defined by a function body without a rule of their own. Shapes computed from
/// constant inputs (initializers, `Constant` nodes and small integer tensors derived from shapes, as in
/// `Shape → Gather → Concat → Reshape`) are exact; data-dependent sizes (`NonZero`, a `Reshape` whose shape
/// is a graph input) are unknown dimensions.
///
/// Contradictions (shapes that do not broadcast, a declared type that differs from the inferred one) are
/// returned as warnings; inference never throws on a bad model. Each run first clears the inferred types
/// of the model's values, so running it again after an edit gives fresh results. Not thread-safe with
/// respect to the model: do not edit or infer the same model concurrently. Linear in the model's size.
public final class ShapeInference {

    private final OpSchemas schemas;
    private final Rules rules;

    /// Inference using the given operator schemas.
    public ShapeInference(OpSchemas schemas) {
        this(schemas, Rules.standard());
    }

    ShapeInference(OpSchemas schemas, Rules rules) {
        this.schemas = schemas;
        this.rules = rules;
    }

    /// Infers the types of `model`'s values with the standard operator schemas and returns the problems found.
    public static List<Problem> infer(Model model) {
        return new ShapeInference(OpSchemas.standard()).run(model);
    }

    /// Infers the types of `model`'s values and returns the problems found (warnings only).
    public List<Problem> run(Model model) {
        return new InferenceSession(schemas, rules, model).run();
    }
}
