package dev.loupe.app.debug;

import dev.loupe.app.main.TaskRunner;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Dim;
import dev.loupe.model.Model;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/// The Run panel's state: one row per graph input that needs a value, the sizes bound to symbolic
/// dimensions (remembered per model), the seed for random data, and the expected outputs found beside the
/// inputs. Reading files and making random tensors run as tasks on the debugger's [TaskRunner].
/// FX thread only.
public final class RunInputsViewModel {

    private final TaskRunner runner;
    private final DimensionBindingStore store;
    private final Consumer<String> status;
    private final BiConsumer<String, String> errors;
    private final ObservableList<InputRowViewModel> rows = FXCollections.observableArrayList();
    private final ObservableList<DimBinding> dims = FXCollections.observableArrayList();
    private final ObservableList<Path> dataSets = FXCollections.observableArrayList();
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 0);
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyObjectWrapper<Map<String, RuntimeValue>> expected =
            new ReadOnlyObjectWrapper<>(this, "expected", Map.of());
    private final ReadOnlyStringWrapper expectedSource = new ReadOnlyStringWrapper(this, "expectedSource", "");
    private Model model;
    private Path modelPath;
    private long revision;

    /// @param status one-line progress reports for the status bar
    /// @param errors failures to show, as title and message
    public RunInputsViewModel(TaskRunner runner, DimensionBindingStore store, Consumer<String> status,
                              BiConsumer<String, String> errors) {
        this.runner = runner;
        this.store = store;
        this.status = status;
        this.errors = errors;
    }

    public ObservableList<InputRowViewModel> rows() {
        return rows;
    }

    /// The symbolic (and unknown) dimensions of the inputs, in order of first appearance.
    public ObservableList<DimBinding> dims() {
        return dims;
    }

    /// The `test_data_set_N` folders beside the model file.
    public ObservableList<Path> dataSets() {
        return dataSets;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    /// Every input has a value that fits its declaration.
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    public boolean isReady() {
        return ready.get();
    }

    /// For example `2 of 3 inputs ready`.
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /// Expected values of the graph's outputs, by name (empty when none were loaded).
    public ReadOnlyObjectProperty<Map<String, RuntimeValue>> expectedProperty() {
        return expected.getReadOnlyProperty();
    }

    public Map<String, RuntimeValue> getExpected() {
        return expected.get();
    }

    public ReadOnlyStringProperty expectedSourceProperty() {
        return expectedSource.getReadOnlyProperty();
    }

    /// Changes whenever any input value changes, so that runs know their inputs are stale.
    public long revision() {
        return revision;
    }

    /// Shows the inputs of `newModel` (read from `path`), or nothing for `null`.
    public void setModel(Model newModel, Path path) {
        model = newModel;
        modelPath = path;
        rows.clear();
        dims.clear();
        dataSets.clear();
        expectedSource.set("");
        expected.set(Map.of());
        revision++;
        if (newModel != null && newModel.graph() != null) {
            for (var v : newModel.graph().inputs()) {
                if (!v.isInitializer()) {
                    rows.add(new InputRowViewModel(v));
                }
            }
            collectDims();
            dataSets.setAll(TestDataFiles.dataSetsBeside(path));
        }
        checkAll();
    }

    private void collectDims() {
        var usedBy = new LinkedHashMap<String, List<String>>();
        for (var row : rows) {
            if (row.declaredType() instanceof TypeInfo.TensorType t && t.shape() != null) {
                for (int axis = 0; axis < t.shape().rank(); axis++) {
                    var name = dimName(row.name(), axis, t.shape().dim(axis));
                    if (name != null) {
                        usedBy.computeIfAbsent(name, k -> new ArrayList<>()).add(row.name() + "[" + axis + "]");
                    }
                }
            }
        }
        for (var e : usedBy.entrySet()) {
            var binding = new DimBinding(e.getKey(), String.join(", ", e.getValue()), store.get(modelPath, e.getKey()).orElse(1));
            binding.sizeProperty().addListener((o, old, size) -> store.put(modelPath, binding.name(), size.intValue()));
            dims.add(binding);
        }
    }

    /// The binding name of an axis: the symbol, `input[axis]` for an unknown size, `null` for a fixed size.
    private static String dimName(String input, int axis, Dim dim) {
        return switch (dim) {
            case Dim.Known k -> null;
            case Dim.Symbolic s -> s.name();
            case Dim.Unknown u -> input + "[" + axis + "]";
        };
    }

    /// The values to run with, by input name (only the inputs that have one).
    public Map<String, RuntimeValue> inputs() {
        var out = new LinkedHashMap<String, RuntimeValue>();
        for (var row : rows) {
            if (row.getValue() != null) {
                out.put(row.name(), row.getValue());
            }
        }
        return out;
    }

    /// Loads inputs and expected outputs from a test-data folder (or the first `test_data_set_N` in it).
    public void loadFolder(Path dir) {
        var m = model;
        if (m == null) {
            return;
        }
        var task = new Task<TestDataFiles.Loaded>() {
            @Override
            protected TestDataFiles.Loaded call() throws Exception {
                updateMessage("Reading " + dir.getFileName() + "…");
                return TestDataFiles.fromFolder(m.graph().inputs(), m.graph().outputs(), dir);
            }
        };
        runner.run(task, loaded -> apply(m, loaded, true), e -> errors.accept("Cannot load " + dir.getFileName(), message(e)),
                () -> status.accept("Loading cancelled"));
    }

    /// Loads loose `.pb`, `.npy` or `.npz` files, into `target` when given, else matched by name.
    public void loadFiles(List<Path> files, InputRowViewModel target) {
        var m = model;
        if (m == null || files.isEmpty()) {
            return;
        }
        var missing = rows.stream().filter(r -> r.getValue() == null).map(InputRowViewModel::name).toList();
        var name = target == null ? null : target.name();
        var task = new Task<TestDataFiles.Loaded>() {
            @Override
            protected TestDataFiles.Loaded call() throws Exception {
                updateMessage("Reading " + files.size() + " file(s)…");
                return TestDataFiles.fromFiles(m.graph().inputs(), files, name, missing);
            }
        };
        runner.run(task, loaded -> apply(m, loaded, false),
                e -> errors.accept("Cannot load " + files.getFirst().getFileName(), message(e)),
                () -> status.accept("Loading cancelled"));
    }

    private void apply(Model forModel, TestDataFiles.Loaded loaded, boolean withExpected) {
        if (forModel != model) {
            return;
        }
        for (var row : rows) {
            var v = loaded.inputs().get(row.name());
            if (v != null) {
                row.set(v, loaded.sources().get(row.name()));
                adoptSizes(row, v);
            }
        }
        if (withExpected) {
            expectedSource.set(loaded.expectedSource());
            expected.set(Map.copyOf(loaded.expected()));
        }
        revision++;
        checkAll();
        status.accept("Loaded " + loaded.inputs().size() + " input(s)"
                + (loaded.expected().isEmpty() ? "" : " and " + loaded.expected().size() + " expected output(s)"));
    }

    /// Binds the symbolic dimensions of `row` to the sizes its new value has.
    private void adoptSizes(InputRowViewModel row, RuntimeValue value) {
        if (!(row.declaredType() instanceof TypeInfo.TensorType t) || t.shape() == null || !(value instanceof Tensor tensor)
                || tensor.rank() != t.shape().rank()) {
            return;
        }
        for (int axis = 0; axis < tensor.rank(); axis++) {
            var name = dimName(row.name(), axis, t.shape().dim(axis));
            var binding = name == null ? null : binding(name);
            if (binding != null && tensor.dim(axis) > 0 && tensor.dim(axis) <= Integer.MAX_VALUE) {
                binding.setSize((int) tensor.dim(axis));
            }
        }
    }

    private DimBinding binding(String name) {
        return dims.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    /// Fills `row` with random values in its range, shaped by the bound dimensions.
    public void randomize(InputRowViewModel row) {
        randomize(List.of(row));
    }

    /// Fills every input that can take random values.
    public void randomizeAll() {
        randomize(rows.stream().filter(InputRowViewModel::canRandomize).toList());
    }

    private void randomize(List<InputRowViewModel> targets) {
        var m = model;
        if (m == null || targets.isEmpty()) {
            return;
        }
        record Job(String name, dev.loupe.model.ElementType type, long[] shape, double low, double high, long seed) {
        }
        var jobs = new ArrayList<Job>();
        for (var row : targets) {
            if (!row.canRandomize()) {
                errors.accept("Cannot make random values for '" + row.name() + "'",
                        "only tensors of numeric or bool types can be random (" + row.typeText() + ")");
                return;
            }
            var shape = shapeOf(row);
            if (shape == null) {
                errors.accept("Cannot make random values for '" + row.name() + "'",
                        "its rank is unknown; load a file for it instead");
                return;
            }
            jobs.add(new Job(row.name(), row.elementType(), shape, row.lowProperty().get(), row.highProperty().get(),
                    seed.get() * 1_000_003L + rows.indexOf(row)));
        }
        long seedUsed = seed.get();
        var task = new Task<Map<String, RuntimeValue>>() {
            @Override
            protected Map<String, RuntimeValue> call() {
                var out = new LinkedHashMap<String, RuntimeValue>();
                for (int i = 0; i < jobs.size(); i++) {
                    var j = jobs.get(i);
                    updateMessage("Generating " + j.name() + "…");
                    updateProgress(i, jobs.size());
                    out.put(j.name(), RandomTensors.uniform(j.type(), j.shape(), j.low(), j.high(), new SplittableRandom(j.seed())));
                }
                return out;
            }
        };
        runner.run(task, values -> {
            if (m != model) {
                return;
            }
            for (var row : rows) {
                var v = values.get(row.name());
                if (v != null) {
                    row.set(v, String.format(java.util.Locale.ROOT, "random (seed %d, [%s, %s])", seedUsed,
                            dev.loupe.app.diagram.ValueText.number(row.lowProperty().get()),
                            dev.loupe.app.diagram.ValueText.number(row.highProperty().get())));
                }
            }
            revision++;
            checkAll();
            status.accept("Generated " + values.size() + " random input(s)");
        }, e -> errors.accept("Cannot make random inputs", message(e)), () -> status.accept("Cancelled"));
    }

    /// The shape random values of `row` take: fixed sizes, and bound sizes for the others; `null` when the
    /// rank is unknown.
    public long[] shapeOf(InputRowViewModel row) {
        if (!(row.declaredType() instanceof TypeInfo.TensorType t) || t.shape() == null) {
            return null;
        }
        var shape = new long[t.shape().rank()];
        for (int axis = 0; axis < shape.length; axis++) {
            var d = t.shape().dim(axis);
            if (d instanceof Dim.Known(long size, String ignored)) {
                shape[axis] = size;
            } else {
                var b = binding(dimName(row.name(), axis, d));
                shape[axis] = b == null ? 1 : b.getSize();
            }
        }
        return shape;
    }

    /// Sets `row` from typed numbers (separated by commas or spaces), shaped like random values would be;
    /// a single number fills the whole tensor. Returns the problem, or `null` when the value was set.
    public String setTyped(InputRowViewModel row, String text) {
        var type = row.elementType();
        var shape = shapeOf(row);
        if (type == null || shape == null || !RandomTensors.supports(type)) {
            return "only numeric tensors of known rank can be typed";
        }
        var parts = text.trim().isEmpty() ? new String[0] : text.trim().split("[,\\s]+");
        var t = Tensor.allocate(type, shape);
        if (parts.length != 1 && parts.length != t.size()) {
            return row.name() + " needs " + t.size() + " numbers (shape " + java.util.Arrays.toString(shape) + "), got " + parts.length;
        }
        try {
            for (int i = 0; i < t.size(); i++) {
                var p = parts[parts.length == 1 ? 0 : i];
                if (type.isFloatingPoint()) {
                    t.setDouble(i, Double.parseDouble(p));
                } else {
                    t.setLong(i, p.equalsIgnoreCase("true") ? 1 : p.equalsIgnoreCase("false") ? 0 : Long.parseLong(p));
                }
            }
        } catch (NumberFormatException e) {
            return "not a number: " + e.getMessage();
        }
        row.set(t, "typed");
        revision++;
        checkAll();
        return null;
    }

    /// Forgets the value of `row`.
    public void clear(InputRowViewModel row) {
        row.set(null, "");
        revision++;
        checkAll();
    }

    /// Checks every row against its declaration and the symbolic dimensions against each other.
    void checkAll() {
        var seen = new HashMap<String, long[]>();
        var owner = new HashMap<String, String>();
        int ok = 0;
        for (var row : rows) {
            var v = row.getValue();
            String problem = v == null ? null : InputCheck.problem(row.declaredType(), v);
            if (problem == null && v instanceof Tensor tensor && row.declaredType() instanceof TypeInfo.TensorType t
                    && t.shape() != null && t.shape().rank() == tensor.rank()) {
                for (int axis = 0; axis < tensor.rank() && problem == null; axis++) {
                    if (t.shape().dim(axis) instanceof Dim.Symbolic(String symbol, String ignored)) {
                        var earlier = seen.putIfAbsent(symbol, new long[] {tensor.dim(axis)});
                        if (earlier != null && earlier[0] != tensor.dim(axis)) {
                            problem = "'" + symbol + "' is " + tensor.dim(axis) + " here but " + earlier[0] + " in " + owner.get(symbol);
                        }
                        owner.putIfAbsent(symbol, row.name());
                    }
                }
            }
            row.check(problem);
            if (row.isSatisfied()) {
                ok++;
            }
        }
        ready.set(model != null && ok == rows.size());
        summary.set(model == null ? "" : rows.isEmpty() ? "The model takes no inputs"
                : ok + " of " + rows.size() + " input" + (rows.size() == 1 ? "" : "s") + " ready");
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
