package dev.loupe.model.infer;

import dev.loupe.model.Dim;
import java.util.ArrayList;
import java.util.List;

/// Fourier transforms: `DFT` (the signal axis resized to `dft_length`, halved plus one when one-sided;
/// the last axis holds real and imaginary parts) and `STFT` (`[batch, frames, bins, 2]`).
final class SignalRules {

    private SignalRules() {
    }

    static void register(Rules r) {
        r.add(SignalRules::dft, "DFT");
        r.add(SignalRules::stft, "STFT");
    }

    private static void dft(NodeContext c) {
        var in = c.shape(0);
        if (in == null || in.rank() < 2) {
            c.setElem(0, c.elem(0));
            return;
        }
        int axis = Shapes.normalizeAxis(c.intAttr("axis", 1), in.rank());
        if (axis < 0 || axis == in.rank() - 1) {
            c.problem("axis " + c.intAttr("axis", 1) + " is invalid for a signal of rank " + in.rank()
                    + ": expected an axis before the last, which holds real and imaginary parts");
            return;
        }
        var dims = new ArrayList<>(in.dims());
        if (c.has(1)) {
            var length = c.ints(1);
            dims.set(axis, length != null && length.length == 1 ? Dim.of(length[0]) : Dims.UNKNOWN);
        }
        if (c.intAttr("onesided", 0) != 0) {
            dims.set(axis, Dims.add(Dims.floorDiv(dims.get(axis), Dim.of(2)), Dims.ONE));
        }
        dims.set(in.rank() - 1, Dim.of(2));
        c.set(0, c.elem(0), dims);
    }

    private static void stft(NodeContext c) {
        var signal = c.shape(0);
        var step = c.ints(1);
        Dim frameLength = Dims.UNKNOWN;
        if (c.has(3)) {
            var v = c.ints(3);
            frameLength = v != null && v.length == 1 ? Dim.of(v[0]) : Dims.UNKNOWN;
        } else if (c.has(2) && c.rank(2) == 1) {
            frameLength = c.shape(2).dim(0);
        }
        Dim batch = signal != null && signal.rank() == 3 ? signal.dim(0) : Dims.UNKNOWN;
        Dim length = signal != null && signal.rank() == 3 ? signal.dim(1) : Dims.UNKNOWN;
        Dim frames = step != null && step.length == 1
                ? Dims.add(Dims.floorDiv(Dims.sub(length, frameLength), Dim.of(step[0])), Dims.ONE) : Dims.UNKNOWN;
        Dim bins = c.intAttr("onesided", 1) != 0 ? Dims.add(Dims.floorDiv(frameLength, Dim.of(2)), Dims.ONE) : frameLength;
        c.set(0, c.elem(0), List.of(batch, frames, bins, Dim.of(2)));
    }
}
