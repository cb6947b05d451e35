package dev.loupe.executor.kernel;

import dev.loupe.model.ElementType;

/// A kernel cannot compute its node: a bad attribute, an input of the wrong type or shape, an impossible
/// request. The message describes the problem; the session prefixes the node.
public class KernelException extends RuntimeException {

    public KernelException(String message) {
        super(message);
    }

    public KernelException(String message, Throwable cause) {
        super(message, cause);
    }

    public static KernelException unsupportedType(String what, ElementType type) {
        return new KernelException(what + " of type " + type.onnxName() + " is not supported");
    }
}
