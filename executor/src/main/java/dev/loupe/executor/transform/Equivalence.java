package dev.loupe.executor.transform;

import dev.loupe.executor.io.InputLoader;
import dev.loupe.executor.io.ValueFileException;
import dev.loupe.executor.session.Session;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.testdata.Mismatch;
import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.executor.testdata.ValueComparator;
import dev.loupe.model.Model;
import dev.loupe.model.edit.CommandStack;
import dev.loupe.model.edit.Edit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// Checks that a rewrite kept a model's meaning: run it before and after on the same inputs and compare the
/// outputs by name within a [Tolerance] (NaN matches NaN, integers and strings must be equal).
///
/// A session must not outlive an edit of its model, so runs happen one after the other: [#executeAndCompare]
/// runs the model, executes the edit through the [CommandStack], runs it again and compares.
public final class Equivalence {

    /// The outcome of a comparison.
    ///
    /// @param outputs    the outputs compared, in the first model's order
    /// @param mismatches one entry per output that differs or is missing; empty when the models agree
    public record Report(List<String> outputs, List<Mismatch> mismatches) {
        public Report {
            outputs = List.copyOf(outputs);
            mismatches = List.copyOf(mismatches);
        }

        public boolean equivalent() {
            return mismatches.isEmpty();
        }
    }

    private Equivalence() {
    }

    /// Runs `model` on `inputs` (those it does not declare are left out) and returns its outputs by name.
    public static Map<String, RuntimeValue> run(Model model, Map<String, ? extends RuntimeValue> inputs) {
        var declared = new LinkedHashMap<String, RuntimeValue>();
        for (var v : model.graph().inputs()) {
            if (inputs.containsKey(v.name())) {
                declared.put(v.name(), inputs.get(v.name()));
            }
        }
        return Session.create(model).run(declared).outputs();
    }

    /// Compares two runs' outputs: every output of `before` must be in `after` and match it.
    public static Report compare(Map<String, RuntimeValue> before, Map<String, RuntimeValue> after, Tolerance tolerance) {
        var mismatches = new ArrayList<Mismatch>();
        for (var e : before.entrySet()) {
            var where = "output '" + e.getKey() + "'";
            if (!after.containsKey(e.getKey())) {
                mismatches.add(new Mismatch(where, "missing after the rewrite", Double.NaN, 0));
            } else {
                ValueComparator.compare(where, e.getValue(), after.get(e.getKey()), tolerance).ifPresent(mismatches::add);
            }
        }
        return new Report(List.copyOf(before.keySet()), mismatches);
    }

    /// Runs `before` and `after` (two models) on the same inputs and compares them.
    public static Report compare(Model before, Model after, Map<String, ? extends RuntimeValue> inputs, Tolerance tolerance) {
        return compare(run(before, inputs), run(after, inputs), tolerance);
    }

    /// Runs `model`, executes `edit` on it through `stack`, runs it again and compares.
    public static Report executeAndCompare(CommandStack stack, Model model, Edit edit,
                                           Map<String, ? extends RuntimeValue> inputs, Tolerance tolerance) {
        var before = run(model, inputs);
        stack.execute(edit);
        return compare(before, run(model, inputs), tolerance);
    }

    /// The inputs of an ONNX test-data folder (`input_0.pb`...) or of `NAME.npy` files, for `model`.
    ///
    /// @throws ValueFileException when a file cannot be read or does not fit the model's inputs
    public static Map<String, RuntimeValue> inputs(Model model, Path dataSet) throws ValueFileException {
        return InputLoader.fromDirectory(model.graph().inputs(), dataSet);
    }
}
