package dev.loupe.executor.io;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.DataValue;
import dev.loupe.model.TypeInfo;
import dev.loupe.model.Value;
import dev.loupe.model.io.ModelIOException;
import dev.loupe.model.io.ProtoCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/// Loads a run's inputs from files: ONNX `.pb` value files (a `TensorProto`, or a `SequenceProto`,
/// `OptionalProto` or `MapProto` where the input is declared so), `.npy` and `.npz`.
///
/// All methods check only that the files can be read; whether the values fit the model is the session's
/// check when it runs.
public final class InputLoader {

    private static final Pattern NUMBERED = Pattern.compile("(input|output)_(\\d+)\\.pb");

    private InputLoader() {
    }

    /// One value from `file` for a value declared as `expected` (`null` when unknown): `.npy`, or a `.pb`
    /// holding the message `expected` calls for.
    public static RuntimeValue readValue(Path file, TypeInfo expected) throws ValueFileException {
        var name = file.getFileName().toString();
        if (name.endsWith(".npy")) {
            return NpyReader.read(file);
        }
        if (name.endsWith(".npz")) {
            var arrays = NpzReader.read(file);
            if (arrays.size() != 1) {
                throw ValueFileException.of(file, "holds " + arrays.size() + " arrays; name the one to use");
            }
            return arrays.values().iterator().next();
        }
        return ValueConversion.toRuntime(readData(file, expected), expected);
    }

    /// A `.pb` value file as the model layer reads it.
    public static DataValue readData(Path file, TypeInfo expected) throws ValueFileException {
        try {
            return ProtoCodec.dataValueFromBytes(Files.readAllBytes(file), expected);
        } catch (ModelIOException e) {
            throw ValueFileException.of(file, e.getMessage());
        } catch (IOException e) {
            throw ValueFileException.of(file, "cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ValueFileException.of(file, "invalid value: " + e.getMessage());
        }
    }

    /// Inputs given as `NAME=FILE`. A `.npz` file supplies its array called NAME, or its only array.
    ///
    /// @param declared the model's declared inputs (for the types of `.pb` files)
    public static Map<String, RuntimeValue> fromFiles(List<Value> declared, Map<String, Path> files) throws ValueFileException {
        var out = new LinkedHashMap<String, RuntimeValue>();
        for (var e : files.entrySet()) {
            var file = e.getValue();
            if (file.getFileName().toString().endsWith(".npz")) {
                var arrays = NpzReader.read(file);
                var value = arrays.containsKey(e.getKey()) ? arrays.get(e.getKey()) : arrays.size() == 1 ? arrays.values().iterator().next() : null;
                if (value == null) {
                    throw ValueFileException.of(file, "has no array named '" + e.getKey() + "' (arrays: " + String.join(", ", arrays.keySet()) + ")");
                }
                out.put(e.getKey(), value);
            } else {
                out.put(e.getKey(), readValue(file, typeOf(declared, e.getKey())));
            }
        }
        return out;
    }

    /// A run's inputs as the command line gives them: those found in `dataDir` (when not `null`, see
    /// [#fromDirectory]), then those given as `NAME=FILE` (see [#fromFiles]), which win over the folder's.
    public static Map<String, RuntimeValue> load(List<Value> declared, Map<String, Path> files, Path dataDir) throws ValueFileException {
        var out = new LinkedHashMap<String, RuntimeValue>();
        if (dataDir != null) {
            out.putAll(fromDirectory(declared, dataDir));
        }
        out.putAll(fromFiles(declared, files));
        return out;
    }

    /// Inputs from a folder, in the first layout that applies:
    ///
    /// 1. ONNX test data: `input_0.pb`, `input_1.pb`... matched to the inputs that have no initializer, in
    ///    order (a tensor file whose name field is another declared input goes to that input);
    /// 2. one file per input named after it: `NAME.npy` or `NAME.pb`;
    /// 3. `.npz` archives whose arrays are named after the inputs.
    public static Map<String, RuntimeValue> fromDirectory(List<Value> declared, Path dir) throws ValueFileException {
        if (!Files.isDirectory(dir)) {
            throw ValueFileException.of(dir, "is not a folder");
        }
        var numbered = numbered(dir, "input");
        if (!numbered.isEmpty()) {
            return fromNumbered(declared, numbered);
        }
        var out = new LinkedHashMap<String, RuntimeValue>();
        for (var v : declared) {
            for (var ext : List.of(".npy", ".pb")) {
                var f = dir.resolve(v.name() + ext);
                if (Files.isRegularFile(f)) {
                    out.put(v.name(), readValue(f, v.type()));
                    break;
                }
            }
        }
        for (var npz : list(dir, ".npz")) {
            for (var e : NpzReader.read(npz).entrySet()) {
                out.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static Map<String, RuntimeValue> fromNumbered(List<Value> declared, List<Path> files) throws ValueFileException {
        var positional = declared.stream().filter(v -> !v.isInitializer()).toList();
        var names = declared.stream().map(Value::name).toList();
        var out = new LinkedHashMap<String, RuntimeValue>();
        for (int k = 0; k < files.size(); k++) {
            var expected = k < positional.size() ? positional.get(k) : null;
            var data = readData(files.get(k), expected == null ? null : expected.type());
            String name = expected == null ? null : expected.name();
            if (data instanceof DataValue.TensorValue t && t.tensor().name() != null && names.contains(t.tensor().name())) {
                name = t.tensor().name();
            }
            if (name == null) {
                throw ValueFileException.of(files.get(k), "the model has only " + positional.size() + " inputs without an initializer");
            }
            out.put(name, ValueConversion.toRuntime(data, typeOf(declared, name)));
        }
        return out;
    }

    /// `PREFIX_0.pb`, `PREFIX_1.pb`... in `dir`, in numeric order.
    public static List<Path> numbered(Path dir, String prefix) throws ValueFileException {
        var out = new ArrayList<Path>();
        for (var f : list(dir, ".pb")) {
            var m = NUMBERED.matcher(f.getFileName().toString());
            if (m.matches() && m.group(1).equals(prefix)) {
                out.add(f);
            }
        }
        out.sort(Comparator.comparingInt(InputLoader::number));
        return out;
    }

    private static int number(Path f) {
        var m = NUMBERED.matcher(f.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(2)) : -1;
    }

    private static List<Path> list(Path dir, String suffix) throws ValueFileException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw ValueFileException.of(dir, "cannot list: " + e.getMessage());
        }
    }

    private static TypeInfo typeOf(List<Value> declared, String name) {
        return declared.stream().filter(v -> v.name().equals(name)).map(Value::type).findFirst().orElse(null);
    }
}
