package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

import java.util.Set;

/// `Range` (version 11), float, double, int16, int32 and int64: `start, start + delta, ...` up to, not
/// including, `limit`; `max(ceil((limit - start) / delta), 0)` elements. Integer ranges are exact.
final class RangeKernel extends SingleOutputKernel {

    private static final Set<ElementType> TYPES = Set.of(ElementType.FLOAT, ElementType.DOUBLE, ElementType.INT16,
            ElementType.INT32, ElementType.INT64);

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        var startT = Operands.tensor(inputs, 0, "start", TYPES);
        var limitT = Operands.tensor(inputs, 1, "limit", TYPES);
        var deltaT = Operands.tensor(inputs, 2, "delta", TYPES);
        var type = startT.type();
        if (limitT.type() != type || deltaT.type() != type) {
            throw new KernelException("start, limit and delta must have one type, got " + startT.describe() + ", "
                    + limitT.describe() + ", " + deltaT.describe());
        }
        if (type.isInteger()) {
            long start = Operands.scalarLong(startT, "start");
            long limit = Operands.scalarLong(limitT, "limit");
            long delta = Operands.scalarLong(deltaT, "delta");
            if (delta == 0) {
                throw new KernelException("delta must not be 0");
            }
            long count = Math.max(0, Math.ceilDiv(limit - start, delta));
            Operands.checkOutputSize(type, new long[] {count});
            int n = (int) count;
            var out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = start + i * delta;
            }
            return Numbers.fromLongs(type, new long[] {n}, out);
        }
        double start = Operands.scalarDouble(startT, "start");
        double limit = Operands.scalarDouble(limitT, "limit");
        double delta = Operands.scalarDouble(deltaT, "delta");
        if (delta == 0 || Double.isNaN(delta)) {
            throw new KernelException("delta must be a non-zero number, got " + delta);
        }
        double count = Math.max(0, Math.ceil((limit - start) / delta));
        Operands.checkOutputSize(type, new long[] {(long) Math.min(count, Long.MAX_VALUE)});
        int n = (int) count;
        var out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = start + i * delta;
        }
        return Numbers.fromDoubles(type, new long[] {n}, out);
    }
}
