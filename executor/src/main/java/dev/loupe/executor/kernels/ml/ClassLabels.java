package dev.loupe.executor.kernels.ml;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;

/// The class labels of a classifier, int64 or strings; the predicted label output is built from class
/// indices into them.
///
/// @param ints the int64 labels, or `null` when the labels are strings
/// @param strings the string labels, or `null` when the labels are int64
record ClassLabels(long[] ints, String[] strings) {

    /// Reads the labels from the attribute pair `intsName` / `stringsName`; exactly one must be given.
    static ClassLabels of(NodeSpec spec, String intsName, String stringsName) {
        var ints = spec.intsAttr(intsName, null);
        var strings = spec.stringsAttr(stringsName, null);
        if ((ints == null) == (strings == null)) {
            throw new KernelException("exactly one of " + intsName + " and " + stringsName + " must be given");
        }
        return new ClassLabels(ints, strings == null ? null : strings.toArray(String[]::new));
    }

    int size() {
        return ints != null ? ints.length : strings.length;
    }

    boolean areStrings() {
        return strings != null;
    }

    /// A 1-D label tensor: `classIndex[n]` indexes the labels, or is `-1` for the "no class" label (0 or the
    /// empty string).
    Tensor labelsOf(int[] classIndex) {
        long[] shape = {classIndex.length};
        if (strings != null) {
            var out = new String[classIndex.length];
            for (int n = 0; n < out.length; n++) {
                out[n] = classIndex[n] < 0 ? "" : strings[classIndex[n]];
            }
            return Tensor.of(ElementType.STRING, shape, out);
        }
        var out = new long[classIndex.length];
        for (int n = 0; n < out.length; n++) {
            out[n] = classIndex[n] < 0 ? 0 : ints[classIndex[n]];
        }
        return Tensor.ofLongs(shape, out);
    }
}
