/// CUDA through the Foreign Function & Memory API.
module dev.loupe.gpu {
    requires transitive dev.loupe.executor;

    exports dev.loupe.gpu;
}
