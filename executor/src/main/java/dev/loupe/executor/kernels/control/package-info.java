/// Control flow (If, Loop, Scan), sequences and optionals.
package dev.loupe.executor.kernels.control;
