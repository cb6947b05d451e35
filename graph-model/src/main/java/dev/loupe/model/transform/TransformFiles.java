package dev.loupe.model.transform;

import dev.loupe.model.Function;
import dev.loupe.model.Model;
import dev.loupe.model.Node;
import dev.loupe.model.OpsetId;
import dev.loupe.model.Value;
import dev.loupe.model.edit.CommandStack;
import dev.loupe.model.edit.Edit;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.io.ModelIOException;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ModelWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/// File-to-file backends of the command line's graph-surgery commands: each reads `in`, transforms it and
/// writes `out` (atomically; `out` may equal `in`), or writes nothing when the request is refused.
///
/// - `loupe extract MODEL --inputs A,B --outputs C,D OUT` → [#extract]
/// - `loupe to-function MODEL --nodes N1,N2,... --name NAME [--domain D] OUT` → [#toFunction]
/// - `loupe inline MODEL OUT [--function NAME]` → [#inline]
/// - `loupe set-shape MODEL --input NAME=DIMS OUT` → [#setShape]
/// - `loupe merge A B --map a_out=b_in[,..] [--prefix1 P --prefix2 Q] OUT` → [#merge]
/// - `loupe upgrade MODEL [--to 13] [--dry-run] [OUT]` → [#upgrade]
///
/// (`loupe fold` lives with the executor, which evaluates the constants.)
public final class TransformFiles {

    /// What a command did, in one line for the terminal, with the main graph's node counts.
    public record Outcome(String summary, int nodesBefore, int nodesAfter) {
    }

    private TransformFiles() {
    }

    /// Extracts the part of `in` computing `outputs` from `inputs` into the new model `out`.
    ///
    /// @throws EditException when an output cannot be computed from the inputs (naming the missing value) or a
    ///                       name is unknown
    public static Outcome extract(Path in, List<String> inputs, List<String> outputs, Path out)
            throws EditException, ModelIOException {
        try (var model = ModelReader.read(in)) {
            var extracted = Extraction.extract(model, inputs, outputs);
            ModelWriter.write(extracted, out);
            int before = model.graph().nodes().size();
            int after = extracted.graph().nodes().size();
            return new Outcome("extracted " + after + " of " + before + " nodes computing " + String.join(", ", outputs)
                    + " into " + out, before, after);
        }
    }

    /// Turns the nodes named `nodeNames` into function `domain.name`, replacing them by a call; with
    /// `replaceOthers`, node sets elsewhere that compute the same thing become calls too.
    ///
    /// @param domain the function's domain, or `null` for [FunctionEdits#DEFAULT_DOMAIN]
    /// @throws EditException for an unknown node name or a selection [FunctionEdits#plan] refuses
    public static Outcome toFunction(Path in, List<String> nodeNames, String name, String domain,
                                     boolean replaceOthers, Path out) throws EditException, ModelIOException {
        try (var model = ModelReader.read(in)) {
            var nodes = new ArrayList<Node>();
            for (var n : nodeNames) {
                nodes.add(node(model, n));
            }
            int before = model.graph().nodes().size();
            var plan = FunctionEdits.plan(model, nodes, name, domain == null ? FunctionEdits.DEFAULT_DOMAIN : domain);
            apply(model, plan.edit(replaceOthers), out);
            int replaced = replaceOthers ? plan.otherOccurrences() : 0;
            return new Outcome("made function '" + name + "' of " + nodes.size() + " nodes with "
                    + plan.function().body().inputs().size() + " inputs and " + plan.function().body().outputs().size()
                    + " outputs; " + (1 + replaced) + " call(s) now" + (replaceOthers || plan.otherOccurrences() == 0 ? ""
                    : " (" + plan.otherOccurrences() + " other occurrence(s) left as they are)"),
                    before, model.graph().nodes().size());
        }
    }

    /// Inlines every call of the function named `function` (`NAME` or `DOMAIN:NAME`) and removes it, or, when
    /// `function` is `null`, inlines every local function and removes them all.
    ///
    /// @throws EditException when no such function exists, the name is ambiguous, or inlining is refused
    public static Outcome inline(Path in, String function, Path out) throws EditException, ModelIOException {
        try (var model = ModelReader.read(in)) {
            int before = model.graph().nodes().size();
            Edit edit;
            if (function == null) {
                edit = FunctionEdits.flatten(model);
            } else {
                edit = FunctionEdits.inlineAll(model, function(model, function), true);
            }
            apply(model, edit, out);
            return new Outcome(edit.description() + ": " + before + " -> " + model.graph().nodes().size() + " nodes",
                    before, model.graph().nodes().size());
        }
    }

    /// Sets the shapes of inputs from `NAME=DIMS` requests (e.g. `x=batch,3,224,224`).
    ///
    /// @throws EditException for a malformed request or an unknown input
    public static Outcome setShape(Path in, List<String> requests, Path out) throws EditException, ModelIOException {
        try (var model = ModelReader.read(in)) {
            var stack = new CommandStack();
            for (var r : requests) {
                stack.execute(ShapeEdits.setInputShape(model, r));
            }
            ModelWriter.write(model, out);
            int n = model.graph().nodes().size();
            return new Outcome(String.join("; ", stack.history()), n, n);
        }
    }

    /// Merges `first` and `second` into `out`, feeding outputs of the first into inputs of the second as
    /// `connections` (`OUTPUT=INPUT`, names before prefixing) say; see [ModelMerge].
    ///
    /// @throws EditException for a malformed or unknown connection, conflicting opsets, shared names without
    ///                       a prefix, or anything else [ModelMerge#merge] refuses
    public static Outcome merge(Path first, Path second, List<String> connections, String prefix1, String prefix2, Path out)
            throws EditException, ModelIOException {
        var parsed = new ArrayList<ModelMerge.Connection>();
        for (var c : connections) {
            parsed.add(ModelMerge.Connection.parse(c));
        }
        try (var a = ModelReader.read(first); var b = ModelReader.read(second)) {
            var merged = ModelMerge.merge(a, b, parsed, prefix1, prefix2);
            ModelWriter.write(merged, out);
            int before = a.graph().nodes().size() + b.graph().nodes().size();
            var g = merged.graph();
            return new Outcome("merged " + a.graph().nodes().size() + " + " + b.graph().nodes().size() + " nodes through "
                    + parsed.size() + " connection(s) into " + out + "; inputs: "
                    + g.inputs().stream().map(Value::name).collect(Collectors.joining(", ")) + "; outputs: "
                    + g.outputs().stream().map(Value::name).collect(Collectors.joining(", ")), before, g.nodes().size());
        }
    }

    /// Upgrades `in` to `ai.onnx` opset `target` ([OpsetAdapters]) and writes `out`; with `dryRun`, writes
    /// nothing (`out` may be `null`). The summary lists what changes, one node per line.
    ///
    /// @throws EditException when the upgrade is not supported for this model or target
    public static Outcome upgrade(Path in, long target, boolean dryRun, Path out) throws EditException, ModelIOException {
        try (var model = ModelReader.read(in)) {
            var from = model.opsetVersion(OpsetId.ONNX).orElse(0L);
            var plan = OpsetAdapters.plan(model, target);
            int n = model.graph().nodes().size();
            var lines = new StringBuilder();
            lines.append(dryRun ? "would upgrade " : "upgraded ").append(in.getFileName()).append(" from ai.onnx ").append(from)
                    .append(" to ").append(target).append(": ").append(plan.changes().size()).append(" node(s) rewritten")
                    .append(plan.changes().isEmpty() ? "" : ":");
            plan.changes().forEach(c -> lines.append(System.lineSeparator()).append("  ").append(c));
            if (!dryRun) {
                apply(model, plan.edit(), out);
            }
            return new Outcome(lines.toString(), n, dryRun ? n : model.graph().nodes().size());
        }
    }

    private static void apply(Model model, Edit edit, Path out) throws ModelIOException {
        new CommandStack().execute(edit);
        ModelWriter.write(model, out);
    }

    private static Node node(Model model, String name) throws EditException {
        return model.graph().nodes().stream().filter(n -> name.equals(n.name())).findFirst()
                .orElseThrow(() -> new EditException("no node named '" + name + "' in the main graph"));
    }

    private static Function function(Model model, String spec) throws EditException {
        int colon = spec.lastIndexOf(':');
        var domain = colon < 0 ? null : spec.substring(0, colon);
        var name = colon < 0 ? spec : spec.substring(colon + 1);
        var matches = model.functions().stream()
                .filter(f -> f.name().equals(name) && (domain == null || domain.equals(f.domain()))).toList();
        if (matches.isEmpty()) {
            throw new EditException("no local function '" + spec + "' (functions: "
                    + model.functions().stream().map(f -> f.domain() + ":" + f.name()).collect(Collectors.joining(", ")) + ")");
        }
        if (matches.size() > 1) {
            throw new EditException("'" + spec + "' names functions in several domains: write DOMAIN:NAME");
        }
        return matches.getFirst();
    }
}
