package dev.loupe.executor.kernel;

import dev.loupe.executor.tensor.Tensor;
import dev.loupe.executor.tensor.TensorConversion;
import dev.loupe.model.ElementType;
import dev.loupe.model.TensorData;

import java.lang.foreign.MemorySegment;
import java.util.Optional;

/// A constant input offered to a [ConstantTakingKernel] while a fast plan is made: an initializer of the model
/// or a value the planner computed (a folded node, weights with a batch normalization folded in).
public final class ConstantInput {

    private final TensorData stored;
    private Tensor tensor;

    private ConstantInput(TensorData stored, Tensor tensor) {
        this.stored = stored;
        this.tensor = tensor;
    }

    /// An initializer, converted to a tensor only if a kernel asks for one.
    public static ConstantInput stored(TensorData data) {
        return new ConstantInput(data, null);
    }

    /// A value computed while planning.
    public static ConstantInput computed(Tensor value) {
        return new ConstantInput(null, value);
    }

    public ElementType type() {
        return stored != null ? stored.elementType() : tensor.type();
    }

    public long[] shape() {
        return stored != null ? stored.dims() : tensor.shape();
    }

    /// The values as a tensor, converted from the model's storage on the first call (the kernel keeps what it
    /// needs of it; this object is dropped once the plan is made, or by a kernel that waits for its first run
    /// to choose a layout, [ConstantTakingKernel], after that run).
    public Tensor tensor() {
        if (tensor == null) {
            tensor = TensorConversion.fromTensorData(stored);
        }
        return tensor;
    }

    /// The values as the model stores them for an initializer of a numeric type: little-endian, read-only,
    /// and a view of the model file where the model was mapped from one, so reading them copies nothing into
    /// the heap. Empty for computed values, strings and types of fewer than 8 bits, and when the stored bytes
    /// do not match the declared shape. The view stays valid while the model is open.
    public Optional<MemorySegment> storedBytes() {
        if (stored == null || stored.elementType() == ElementType.STRING || stored.elementType().bitWidth() < 8) {
            return Optional.empty();
        }
        var bytes = stored.bytes();
        return bytes.byteSize() == stored.byteSize() ? Optional.of(bytes) : Optional.empty();
    }
}
