package dev.loupe.model.infer;

import dev.loupe.model.ElementType;

/// Quantizing and dequantizing: the quantized type is the zero point's (`uint8` when absent), the
/// dequantized type is the scale's; shapes are kept.
final class QuantizationRules {

    private QuantizationRules() {
    }

    static void register(Rules r) {
        r.add(c -> c.set(0, c.typeAttr("output_dtype", c.elem(2) != null ? c.elem(2) : ElementType.UINT8), c.shape(0)),
                "QuantizeLinear");
        r.add(c -> c.set(0, c.opset() >= 19 && c.elem(1) != null ? c.elem(1) : ElementType.FLOAT, c.shape(0)),
                "DequantizeLinear");
        r.add(c -> {
            c.set(0, ElementType.UINT8, c.shape(0));
            c.set(1, ElementType.FLOAT, Shapes.scalar());
            c.set(2, ElementType.UINT8, Shapes.scalar());
        }, "DynamicQuantizeLinear");
    }
}
