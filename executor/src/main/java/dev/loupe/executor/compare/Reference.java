package dev.loupe.executor.compare;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.model.Model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/// What a run is compared against. Each kind yields reference values for some of the run's tensors, looked
/// up by name:
///
/// - [Expected]: the graph's outputs from files (the original framework's numbers). Only the outputs, and
///   the inputs (the same on both sides), are known, so only nodes that read inputs and write outputs get
///   a local error.
/// - [Float64Shadow]: the same graph run again with every floating-point tensor in double; every tensor has
///   a reference. Reference values are rounded back to the run's types before they are compared.
/// - [OtherModel]: a second model (the original of an edited, quantized or float16 copy) run on the same
///   inputs; tensors are matched by name, else by structure (see [ValueMatcher]).
/// - [Backend]: another engine, through a [Runner] (the hook the plugin SPI will fill).
public sealed interface Reference {

    /// A short description for reports, e.g. `expected outputs` or `float64 shadow run`.
    String describe();

    /// Expected values of the graph's outputs, by output name.
    record Expected(Map<String, RuntimeValue> outputs) implements Reference {
        public Expected {
            outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        }

        @Override
        public String describe() {
            return "expected outputs";
        }
    }

    /// The same model recomputed in double precision.
    record Float64Shadow() implements Reference {
        @Override
        public String describe() {
            return "float64 shadow run";
        }
    }

    /// Another model, run on the same inputs (matched by name, else by position, and converted to its
    /// declared element types).
    record OtherModel(Model model) implements Reference {
        public OtherModel {
            Objects.requireNonNull(model, "model");
        }

        @Override
        public String describe() {
            var g = model.graph();
            return "model " + (g == null || g.name() == null ? "(unnamed)" : "'" + g.name() + "'");
        }
    }

    /// Another engine that runs the model itself.
    ///
    /// @param name for reports, e.g. `onnxruntime 1.23 (CPU)`
    record Backend(String name, Runner runner) implements Reference {
        public Backend {
            Objects.requireNonNull(runner, "runner");
        }

        @Override
        public String describe() {
            return "backend " + name;
        }
    }

    /// Runs a model on another engine.
    @FunctionalInterface
    interface Runner {

        /// The values the engine computed for `model` on `inputs`, by tensor name: at least the graph's
        /// outputs, and any intermediate tensors it can report. Called on the comparing thread.
        Map<String, RuntimeValue> run(Model model, Map<String, RuntimeValue> inputs);
    }
}
