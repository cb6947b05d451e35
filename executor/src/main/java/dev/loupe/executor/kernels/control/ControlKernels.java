package dev.loupe.executor.kernels.control;

import dev.loupe.executor.kernel.KernelRegistry;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class ControlKernels {

    private ControlKernels() {
    }

    public static void registerAll(KernelRegistry r) {
        r.register("", "If", new int[] {1, 11, 13, 16}, IfKernel::new);
        r.register("", "Loop", new int[] {1, 11, 13, 16}, LoopKernel::new);
        r.register("", "Scan", 8, ScanV8Kernel::new);
        r.register("", "Scan", new int[] {9, 11, 16}, ScanKernel::new);
        r.register("", "SequenceEmpty", 11, SequenceKernels::empty);
        r.register("", "SequenceConstruct", 11, SequenceKernels::construct);
        r.register("", "SequenceAt", 11, SequenceKernels::at);
        r.register("", "SequenceInsert", 11, SequenceKernels::insert);
        r.register("", "SequenceErase", 11, SequenceKernels::erase);
        r.register("", "SequenceLength", 11, SequenceKernels::length);
        r.register("", "SplitToSequence", 11, SplitToSequenceKernel::new);
        r.register("", "ConcatFromSequence", 11, ConcatFromSequenceKernel::new);
        r.register("", "SequenceMap", 17, SequenceMapKernel::new);
        r.register("", "Optional", 15, OptionalKernels::optional);
        r.register("", "OptionalHasElement", new int[] {15, 18}, OptionalKernels::hasElement);
        r.register("", "OptionalGetElement", new int[] {15, 18}, OptionalKernels::getElement);
    }
}
