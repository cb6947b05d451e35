/// CUDA through the Foreign Function & Memory API; an absent driver or device is a clean "no CUDA device".
package dev.loupe.gpu;
