/// Quantization: QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear, integer MatMul and Conv, QLinear ops.
package dev.loupe.executor.kernels.quant;
