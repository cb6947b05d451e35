package dev.loupe.executor.kernels.control;

import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.Graph;

import java.util.ArrayList;
import java.util.List;

/// `Scan` version 8: input 0 is the optional `sequence_lens`, then `N` states and `M` scan inputs, all
/// with a leading batch axis; scan inputs are walked along axis 1 (`directions` per scan input). The body
/// runs per batch entry with unbatched values; the results are stacked back along the batch axis. Entries
/// shorter than the longest (per `sequence_lens`) run fewer steps and their missing output slices are
/// zeros.
final class ScanV8Kernel implements Kernel {

    private final Graph body;
    private final int scanInputs;
    private final long[] directions;

    ScanV8Kernel(NodeSpec spec) {
        this.body = spec.graphAttr("body").orElseThrow(() -> new KernelException("required attribute 'body' is missing"));
        this.scanInputs = (int) spec.intAttr("num_scan_inputs", -1);
        if (scanInputs < 0) {
            throw new KernelException("required attribute 'num_scan_inputs' is missing");
        }
        this.directions = spec.intsAttr("directions", new long[scanInputs]);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        var lens = Args.optionalTensor("Scan", inputs, 0, "sequence_lens");
        int states = inputs.length - 1 - scanInputs;
        var first = Args.tensor("Scan", inputs, 1 + Math.max(0, states), "first input");
        int batch = (int) first.dim(0);
        int maxLength = scanInputs > 0 ? (int) Args.tensor("Scan", inputs, 1 + states, "scan input 0").dim(1) : 0;
        var stateOut = new ArrayList<List<Tensor>>();
        var scanOut = new ArrayList<List<Tensor>>();
        for (int b = 0; b < batch; b++) {
            var state = new RuntimeValue[states];
            for (int i = 0; i < states; i++) {
                state[i] = Slabs.take(Args.tensor("Scan", inputs, 1 + i, "state " + i), 0, b);
            }
            int length = lens == null ? maxLength : (int) lens.getLong(b);
            var scans = new Tensor[scanInputs];
            var axes = new int[scanInputs];
            for (int j = 0; j < scanInputs; j++) {
                var entry = Slabs.take(Args.tensor("Scan", inputs, 1 + states + j, "scan input " + j), 0, b);
                scans[j] = length == maxLength ? entry : Slabs.range(entry, 0, directions[j] == 1 ? maxLength - length : 0, length, false);
            }
            var steps = ScanKernel.run(body, state, scans, axes, directions, length, context);
            var finished = ScanKernel.finish(steps.states(), steps.slices(), new long[0], new long[0]);
            for (int i = 0; i < finished.length; i++) {
                var target = i < states ? stateOut : scanOut;
                int k = i < states ? i : i - states;
                while (target.size() <= k) {
                    target.add(new ArrayList<>());
                }
                var t = (Tensor) finished[i];
                target.get(k).add(i < states || length == maxLength ? t : padded(t, maxLength));
            }
        }
        var results = new RuntimeValue[stateOut.size() + scanOut.size()];
        for (int i = 0; i < stateOut.size(); i++) {
            results[i] = Slabs.stack(stateOut.get(i), 0, "Scan");
        }
        for (int k = 0; k < scanOut.size(); k++) {
            results[stateOut.size() + k] = Slabs.stack(scanOut.get(k), 0, "Scan");
        }
        return results;
    }

    private static Tensor padded(Tensor t, int length) {
        var shape = t.shape();
        shape[0] = length - t.dim(0);
        return Slabs.concat(List.of(t, Tensor.allocate(t.type(), shape)), 0, "Scan");
    }
}
