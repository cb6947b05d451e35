/// Signal processing: DFT, STFT, window functions, MelWeightMatrix.
package dev.loupe.executor.kernels.signal;
