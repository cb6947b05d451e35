package dev.loupe.app.debug;

import dev.loupe.executor.io.InputLoader;
import dev.loupe.executor.io.NpzReader;
import dev.loupe.executor.io.ValueConversion;
import dev.loupe.executor.io.ValueFileException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.DataValue;
import dev.loupe.model.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/// Reads the values the Run panel loads: a test-data folder (`input_K.pb` and the expected `output_K.pb`,
/// or files named after the inputs, or `.npz` archives) or loose files matched to inputs by name. Runs off
/// the FX thread; never touches view models.
final class TestDataFiles {

    private static final Pattern DATA_SET = Pattern.compile("test_data_set_\\d+");
    private static final Pattern NUMBERED_INPUT = Pattern.compile("input_(\\d+)\\.pb");

    /// What was read.
    ///
    /// @param inputs         values by input name
    /// @param sources        for each input, the file (or folder) it came from
    /// @param expected       expected values of the graph's outputs, by output name (may be empty)
    /// @param expectedSource where the expected values came from; empty when there are none
    record Loaded(Map<String, RuntimeValue> inputs, Map<String, String> sources, Map<String, RuntimeValue> expected,
                  String expectedSource) {
    }

    private TestDataFiles() {
    }

    /// The `test_data_set_N` folders beside a model file, in numeric order.
    static List<Path> dataSetsBeside(Path modelFile) {
        if (modelFile == null || modelFile.getParent() == null) {
            return List.of();
        }
        return dataSetsIn(modelFile.getParent());
    }

    private static List<Path> dataSetsIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p) && DATA_SET.matcher(p.getFileName().toString()).matches())
                    .sorted((a, b) -> Integer.compare(number(a), number(b))).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int number(Path dataSet) {
        var n = dataSet.getFileName().toString();
        return Integer.parseInt(n.substring(n.lastIndexOf('_') + 1));
    }

    /// Inputs and expected outputs from `dir`; a folder that holds only `test_data_set_N` folders stands for
    /// its first one.
    static Loaded fromFolder(List<Value> inputs, List<Value> outputs, Path dir) throws ValueFileException {
        var sets = dataSetsIn(dir);
        if (!sets.isEmpty() && InputLoader.numbered(dir, "input").isEmpty()) {
            dir = sets.getFirst();
        }
        var values = InputLoader.fromDirectory(inputs, dir);
        if (values.isEmpty()) {
            throw new ValueFileException(dir.getFileName() + ": holds no input values (input_0.pb, NAME.npy, NAME.pb or .npz)");
        }
        var sources = new LinkedHashMap<String, String>();
        for (var name : values.keySet()) {
            sources.put(name, dir.getFileName().toString());
        }
        var expected = expectedOutputs(outputs, dir);
        return new Loaded(values, sources, expected, expected.isEmpty() ? "" : dir.getFileName().toString());
    }

    /// The expected outputs in `dir`: `output_K.pb` matched to the graph's outputs in order (or by the
    /// tensor's name field), else `NAME.npy` / `NAME.pb` named after the outputs.
    static Map<String, RuntimeValue> expectedOutputs(List<Value> outputs, Path dir) throws ValueFileException {
        var out = new LinkedHashMap<String, RuntimeValue>();
        var numbered = InputLoader.numbered(dir, "output");
        var names = outputs.stream().map(Value::name).toList();
        for (int k = 0; k < numbered.size(); k++) {
            var declared = k < outputs.size() ? outputs.get(k) : null;
            var data = InputLoader.readData(numbered.get(k), declared == null ? null : declared.type());
            String name = declared == null ? null : declared.name();
            if (data instanceof DataValue.TensorValue t && t.tensor().name() != null && names.contains(t.tensor().name())) {
                name = t.tensor().name();
            }
            if (name != null) {
                var type = outputs.get(names.indexOf(name)).type();
                out.put(name, ValueConversion.toRuntime(data, type));
            }
        }
        if (out.isEmpty()) {
            for (var v : outputs) {
                for (var ext : List.of(".npy", ".pb")) {
                    var f = dir.resolve(v.name() + ext);
                    if (Files.isRegularFile(f)) {
                        out.put(v.name(), InputLoader.readValue(f, v.type()));
                        break;
                    }
                }
            }
        }
        return out;
    }

    /// Values from loose files. A file goes to `target` when given; else to the input it is named after
    /// (`NAME.npy`, `NAME.pb`), or by position for `input_K.pb`, or to the first input still without a
    /// value. A `.npz` archive supplies the inputs its arrays are named after, or its only array.
    ///
    /// @param missing the inputs that have no value yet, in order
    static Loaded fromFiles(List<Value> inputs, List<Path> files, String target, List<String> missing)
            throws ValueFileException {
        var values = new LinkedHashMap<String, RuntimeValue>();
        var sources = new LinkedHashMap<String, String>();
        var required = inputs.stream().filter(v -> !v.isInitializer()).toList();
        var open = new ArrayList<>(missing);
        for (var file : files) {
            var fileName = file.getFileName().toString();
            if (fileName.endsWith(".npz") && target == null) {
                for (var e : NpzReader.read(file).entrySet()) {
                    var name = required.stream().anyMatch(v -> v.name().equals(e.getKey())) ? e.getKey()
                            : open.isEmpty() ? null : open.getFirst();
                    if (name != null) {
                        values.put(name, e.getValue());
                        sources.put(name, fileName + "[" + e.getKey() + "]");
                        open.remove(name);
                    }
                }
                continue;
            }
            var name = target != null ? target : nameFor(required, fileName, open);
            if (name == null) {
                throw new ValueFileException(fileName + ": no input to give it to (name the file after an input)");
            }
            var declared = inputs.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
            values.put(name, InputLoader.readValue(file, declared.type()));
            sources.put(name, fileName);
            open.remove(name);
        }
        return new Loaded(values, sources, Map.of(), "");
    }

    private static String nameFor(List<Value> required, String fileName, List<String> open) {
        int dot = fileName.lastIndexOf('.');
        var stem = dot < 0 ? fileName : fileName.substring(0, dot);
        for (var v : required) {
            if (v.name().equals(stem)) {
                return v.name();
            }
        }
        var m = NUMBERED_INPUT.matcher(fileName);
        if (m.matches()) {
            int k = Integer.parseInt(m.group(1));
            return k < required.size() ? required.get(k).name() : null;
        }
        return open.isEmpty() ? null : open.getFirst();
    }
}
