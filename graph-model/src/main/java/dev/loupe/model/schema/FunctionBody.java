package dev.loupe.model.schema;

import dev.loupe.model.Function;
import dev.loupe.model.io.ModelIOException;
import dev.loupe.model.io.ProtoCodec;
import java.util.Arrays;

/// How an operator is defined in terms of other operators, if it is. An operator with a function body
/// and no kernel can run by expanding the body.
public sealed interface FunctionBody {

    /// The operator is primitive: only a kernel can run it.
    record None() implements FunctionBody {
    }

    /// A body that is the same for every node of the operator.
    ///
    /// @param functionProto the body as a serialized ONNX `FunctionProto` (doc strings removed); the
    ///                      record keeps its own copy and hands out copies
    record Stored(byte[] functionProto) implements FunctionBody {

        public Stored {
            functionProto = functionProto.clone();
        }

        @Override
        public byte[] functionProto() {
            return functionProto.clone();
        }

        /// The body as a new [Function], which the caller owns and may modify.
        ///
        /// @throws IllegalStateException if the stored bytes are not a valid `FunctionProto`
        public Function decode() {
            try {
                return ProtoCodec.functionFromBytes(functionProto);
            } catch (ModelIOException e) {
                throw new IllegalStateException("invalid function body in the schema catalogue: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Stored(var bytes) && Arrays.equals(functionProto, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(functionProto);
        }

        @Override
        public String toString() {
            return "Stored[" + functionProto.length + " bytes]";
        }
    }

    /// A body that ONNX builds per node from the node's input types and attributes (for example
    /// `Softmax` 13, whose body depends on the element type), so no fixed body can be stored.
    record ContextDependent() implements FunctionBody {
    }
}
