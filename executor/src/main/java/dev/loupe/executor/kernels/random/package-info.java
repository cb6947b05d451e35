/// Random number operators with seeds.
package dev.loupe.executor.kernels.random;
