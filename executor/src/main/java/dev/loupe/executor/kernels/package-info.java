/// Built-in kernels, one sub-package per operator family; [dev.loupe.executor.kernels.BuiltinKernels] lists them.
package dev.loupe.executor.kernels;
