/// The embedded executor: tensors, kernels, sessions, stepping and comparison maths.
module dev.loupe.executor {
    requires transitive dev.loupe.model;
    requires jdk.incubator.vector;
    requires jdk.management;

    exports dev.loupe.executor.compare;
    exports dev.loupe.executor.debug;
    exports dev.loupe.executor.io;
    exports dev.loupe.executor.kernel;
    exports dev.loupe.executor.kernels;
    exports dev.loupe.executor.kernels.ml;
    exports dev.loupe.executor.session;
    exports dev.loupe.executor.simd;
    exports dev.loupe.executor.tensor;
    exports dev.loupe.executor.testdata;
    exports dev.loupe.executor.transform;
}
