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

/// `Scan` (versions 9, 11, 16): the body runs once per slice of the scan inputs along their scan axes
/// (`scan_input_axes`, default 0; `scan_input_directions` 1 walks from the end), carrying `N` state values
/// from step to step; the node returns the final states and each scan output's slices stacked along
/// `scan_output_axes` (in reverse when `scan_output_directions` is 1).
///
/// Version 8 differs: the first input is the optional `sequence_lens`, every input has a leading batch
/// axis and the scan axis is axis 1; the body runs per batch entry (see [ScanV8Kernel]).
final class ScanKernel implements Kernel {

    private final Graph body;
    private final int scanInputs;
    private final long[] inputAxes;
    private final long[] inputDirections;
    private final long[] outputAxes;
    private final long[] outputDirections;

    ScanKernel(NodeSpec spec) {
        this.body = spec.graphAttr("body").orElseThrow(() -> new KernelException("required attribute 'body' is missing"));
        this.scanInputs = (int) spec.intAttr("num_scan_inputs", -1);
        if (scanInputs < 0) {
            throw new KernelException("required attribute 'num_scan_inputs' is missing");
        }
        this.inputAxes = spec.intsAttr("scan_input_axes", new long[scanInputs]);
        this.inputDirections = spec.intsAttr("scan_input_directions", new long[scanInputs]);
        int scanOutputs = body.outputs().size() - (spec.inputCount() - scanInputs);
        this.outputAxes = spec.intsAttr("scan_output_axes", new long[Math.max(0, scanOutputs)]);
        this.outputDirections = spec.intsAttr("scan_output_directions", new long[Math.max(0, scanOutputs)]);
    }

    @Override
    public RuntimeValue[] run(RuntimeValue[] inputs, KernelContext context) {
        int states = inputs.length - scanInputs;
        var state = new RuntimeValue[states];
        System.arraycopy(inputs, 0, state, 0, states);
        var scans = new Tensor[scanInputs];
        var axes = new int[scanInputs];
        long length = -1;
        for (int j = 0; j < scanInputs; j++) {
            scans[j] = Args.tensor("Scan", inputs, states + j, "scan input " + j);
            axes[j] = axis(inputAxes[j], scans[j].rank());
            long n = scans[j].dim(axes[j]);
            if (length >= 0 && n != length) {
                throw new KernelException("Scan inputs have different lengths along their scan axes: " + length + " and " + n);
            }
            length = n;
        }
        var result = run(body, state, scans, axes, inputDirections, (int) Math.max(length, 0), context);
        return finish(result.states(), result.slices(), outputAxes, outputDirections);
    }

    /// The states after the last step and every step's scan output slices.
    record Steps(RuntimeValue[] states, List<List<Tensor>> slices) {
    }

    static Steps run(Graph body, RuntimeValue[] initial, Tensor[] scans, int[] axes, long[] directions, int length,
                     KernelContext context) {
        int states = initial.length;
        int scanOutputs = body.outputs().size() - states;
        var state = initial.clone();
        var slices = new ArrayList<List<Tensor>>();
        for (int k = 0; k < scanOutputs; k++) {
            slices.add(new ArrayList<>());
        }
        for (int t = 0; t < length; t++) {
            context.checkCancelled();
            var args = new RuntimeValue[states + scans.length];
            System.arraycopy(state, 0, args, 0, states);
            for (int j = 0; j < scans.length; j++) {
                int index = j < directions.length && directions[j] == 1 ? length - 1 - t : t;
                args[states + j] = Slabs.take(scans[j], axes[j], index);
            }
            var out = context.runSubgraph(body, args);
            System.arraycopy(out, 0, state, 0, states);
            for (int k = 0; k < scanOutputs; k++) {
                if (!(out[states + k] instanceof Tensor slice)) {
                    throw new KernelException("Scan body's scan output " + k + " must be a tensor");
                }
                slices.get(k).add(slice);
            }
        }
        return new Steps(state, slices);
    }

    static RuntimeValue[] finish(RuntimeValue[] states, List<List<Tensor>> slices, long[] axes, long[] directions) {
        var results = new RuntimeValue[states.length + slices.size()];
        System.arraycopy(states, 0, results, 0, states.length);
        for (int k = 0; k < slices.size(); k++) {
            var list = new ArrayList<>(slices.get(k));
            if (list.isEmpty()) {
                throw new KernelException("Scan cannot build an empty scan output (the scan inputs have length 0)");
            }
            if (k < directions.length && directions[k] == 1) {
                java.util.Collections.reverse(list);
            }
            int axis = axis(k < axes.length ? axes[k] : 0, list.getFirst().rank() + 1);
            results[states.length + k] = Slabs.stack(list, axis, "Scan");
        }
        return results;
    }

    private static int axis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new KernelException("Scan axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }
}
