package dev.loupe.executor.kernels.math;

import dev.loupe.executor.kernel.KernelRegistry;

/// Registers this family's kernels: one line per operator, with its since-versions.
public final class MathKernels {

    private MathKernels() {
    }

    public static void registerAll(KernelRegistry r) {
        elementwiseBinary(r);
        elementwiseUnary(r);
        activations(r);
        comparisonsAndLogic(r);
        reductions(r);
        r.register("", "MatMul", new int[] {1, 9, 13}, MatMulKernel::new);
        r.register("", "Gemm", new int[] {1, 6, 7, 9, 11, 13}, GemmKernel::new);
        r.register("", "Einsum", 12, EinsumKernel::new);
        r.register("", "Det", 11, spec -> new DetKernel());
        r.register("", "CumSum", new int[] {11, 14}, CumSumKernel::new);
        r.register("", "NegativeLogLikelihoodLoss", new int[] {12, 13}, NegativeLogLikelihoodLossKernel::new);
        r.register("", "SoftmaxCrossEntropyLoss", new int[] {12, 13}, SoftmaxCrossEntropyLossKernel::new);
    }

    private static void elementwiseBinary(KernelRegistry r) {
        int[] arithmetic = {1, 6, 7, 13, 14};
        r.register("", "Add", arithmetic, spec -> LegacyBroadcastKernel.wrap(spec, new AddKernel()));
        r.register("", "Sub", arithmetic, spec -> LegacyBroadcastKernel.wrap(spec, new SubKernel()));
        r.register("", "Mul", arithmetic, spec -> LegacyBroadcastKernel.wrap(spec, new MulKernel()));
        r.register("", "Div", arithmetic, spec -> LegacyBroadcastKernel.wrap(spec, new DivKernel()));
        r.register("", "Pow", new int[] {1, 7, 12, 13, 15}, spec -> LegacyBroadcastKernel.wrap(spec, new PowKernel()));
        r.register("", "Mod", new int[] {10, 13}, spec -> new ModKernel(spec.intAttr("fmod", 0) != 0));
        r.register("", "BitShift", 11, spec -> new BitShiftKernel(spec.stringAttr("direction", "").equals("LEFT")));
        r.register("", "BitwiseAnd", 18, spec -> new BitwiseAndKernel());
        r.register("", "BitwiseOr", 18, spec -> new BitwiseOrKernel());
        r.register("", "BitwiseXor", 18, spec -> new BitwiseXorKernel());
        r.register("", "BitwiseNot", 18, spec -> new BitwiseNotKernel());
        r.register("", "Sum", new int[] {1, 6, 8, 13}, spec -> VariadicKernel.sum());
        r.register("", "Mean", new int[] {1, 6, 8, 13}, spec -> VariadicKernel.mean());
        r.register("", "Max", new int[] {1, 6, 8, 12, 13}, spec -> VariadicKernel.max());
        r.register("", "Min", new int[] {1, 6, 8, 12, 13}, spec -> VariadicKernel.min());
        r.register("", "Where", new int[] {9, 16}, spec -> new WhereKernel());
        r.register("", "Clip", new int[] {1, 6, 11, 12, 13}, ClipKernel::new);
    }

    private static void elementwiseUnary(KernelRegistry r) {
        int[] basic = {1, 6, 13};
        r.register("", "Abs", basic, spec -> new AbsKernel());
        r.register("", "Neg", basic, spec -> new NegKernel());
        r.register("", "Exp", basic, spec -> new ExpKernel());
        r.register("", "Log", basic, spec -> new LogKernel());
        r.register("", "Sqrt", basic, spec -> new SqrtKernel());
        r.register("", "Reciprocal", basic, spec -> new ReciprocalKernel());
        r.register("", "Floor", basic, spec -> new FloorKernel());
        r.register("", "Ceil", basic, spec -> new CeilKernel());
        r.register("", "Tanh", basic, spec -> new TanhKernel());
        r.register("", "Round", 11, spec -> new RoundKernel());
        r.register("", "Sign", new int[] {9, 13}, spec -> new SignKernel());
        r.register("", "Erf", new int[] {9, 13}, spec -> new ErfKernel());
        r.register("", "Sin", 7, spec -> new SinKernel());
        r.register("", "Cos", 7, spec -> new CosKernel());
        r.register("", "Tan", 7, spec -> new TanKernel());
        r.register("", "Asin", 7, spec -> new AsinKernel());
        r.register("", "Acos", 7, spec -> new AcosKernel());
        r.register("", "Atan", 7, spec -> new AtanKernel());
        r.register("", "Sinh", 9, spec -> new SinhKernel());
        r.register("", "Cosh", 9, spec -> new CoshKernel());
        r.register("", "Asinh", 9, spec -> new AsinhKernel());
        r.register("", "Acosh", 9, spec -> new AcoshKernel());
        r.register("", "Atanh", 9, spec -> new AtanhKernel());
        r.register("", "IsNaN", new int[] {9, 13, 20}, spec -> FloatTestKernel.isNaN());
        r.register("", "IsInf", new int[] {10, 20}, FloatTestKernel::isInf);
    }

    private static void activations(KernelRegistry r) {
        r.register("", "Relu", new int[] {1, 6, 13, 14}, spec -> new ReluKernel());
        r.register("", "LeakyRelu", new int[] {1, 6, 16}, LeakyReluKernel::new);
        r.register("", "PRelu", new int[] {1, 6, 7, 9, 16}, spec -> spec.opsetVersion() < 7 ? new ChannelSlopeKernel(new PReluKernel()) : new PReluKernel());
        r.register("", "Elu", new int[] {1, 6}, EluKernel::new);
        r.register("", "Selu", new int[] {1, 6}, SeluKernel::new);
        r.register("", "Celu", 12, CeluKernel::new);
        r.register("", "Sigmoid", new int[] {1, 6, 13}, spec -> new SigmoidKernel());
        r.register("", "HardSigmoid", new int[] {1, 6}, HardSigmoidKernel::new);
        r.register("", "HardSwish", 14, spec -> new HardSwishKernel());
        r.register("", "Softplus", 1, spec -> new SoftplusKernel());
        r.register("", "Softsign", 1, spec -> new SoftsignKernel());
        r.register("", "ThresholdedRelu", 10, ThresholdedReluKernel::new);
        r.register("", "Shrink", 9, ShrinkKernel::new);
        r.register("", "Gelu", 20, GeluKernel::new);
        r.register("", "Mish", 18, spec -> new MishKernel());
        r.register("", "Softmax", new int[] {1, 11, 13}, spec -> new SoftmaxKernel(spec, SoftmaxKernel.Kind.SOFTMAX));
        r.register("", "LogSoftmax", new int[] {1, 11, 13}, spec -> new SoftmaxKernel(spec, SoftmaxKernel.Kind.LOG_SOFTMAX));
        r.register("", "Hardmax", new int[] {1, 11, 13}, spec -> new SoftmaxKernel(spec, SoftmaxKernel.Kind.HARDMAX));
    }

    private static void comparisonsAndLogic(KernelRegistry r) {
        r.register("", "Equal", new int[] {1, 7, 11, 13, 19}, spec -> LegacyBroadcastKernel.wrap(spec, new EqualKernel()));
        r.register("", "Greater", new int[] {1, 7, 9, 13}, spec -> LegacyBroadcastKernel.wrap(spec, new GreaterKernel()));
        r.register("", "Less", new int[] {1, 7, 9, 13}, spec -> LegacyBroadcastKernel.wrap(spec, new LessKernel()));
        r.register("", "GreaterOrEqual", new int[] {12, 16}, spec -> new GreaterOrEqualKernel());
        r.register("", "LessOrEqual", new int[] {12, 16}, spec -> new LessOrEqualKernel());
        r.register("", "And", new int[] {1, 7}, spec -> LegacyBroadcastKernel.wrap(spec, new AndKernel()));
        r.register("", "Or", new int[] {1, 7}, spec -> LegacyBroadcastKernel.wrap(spec, new OrKernel()));
        r.register("", "Xor", new int[] {1, 7}, spec -> LegacyBroadcastKernel.wrap(spec, new XorKernel()));
        r.register("", "Not", 1, spec -> new NotKernel());
    }

    private static void reductions(KernelRegistry r) {
        int[] reduce = {1, 11, 13, 18};
        r.register("", "ReduceSum", new int[] {1, 11, 13}, ReduceSumKernel::new);
        r.register("", "ReduceMean", reduce, ReduceMeanKernel::new);
        r.register("", "ReduceProd", reduce, ReduceProdKernel::new);
        r.register("", "ReduceMax", new int[] {1, 11, 12, 13, 18, 20}, ReduceMaxKernel::new);
        r.register("", "ReduceMin", new int[] {1, 11, 12, 13, 18, 20}, ReduceMinKernel::new);
        r.register("", "ReduceL1", reduce, ReduceL1Kernel::new);
        r.register("", "ReduceL2", reduce, ReduceL2Kernel::new);
        r.register("", "ReduceSumSquare", reduce, ReduceSumSquareKernel::new);
        r.register("", "ReduceLogSum", reduce, ReduceLogSumKernel::new);
        r.register("", "ReduceLogSumExp", reduce, ReduceLogSumExpKernel::new);
        r.register("", "ArgMax", new int[] {1, 11, 12, 13}, spec -> new ArgExtremeKernel(spec, true));
        r.register("", "ArgMin", new int[] {1, 11, 12, 13}, spec -> new ArgExtremeKernel(spec, false));
    }
}
