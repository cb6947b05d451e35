package dev.loupe.executor.kernels.shape;

import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.kernel.NodeSpec;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.AttributeValue;
import dev.loupe.model.ElementType;

import java.util.Locale;

/// `Cast` (versions 1, 6, 9, 13, 19, 21): every element type to every other except complex, including
/// strings, bfloat16, float16 and the 8-bit floats (`saturate`, from version 19). Version 1 names the target
/// type by a string such as `"FLOAT"`.
final class CastKernel extends SingleOutputKernel {

    private final ElementType to;
    private final boolean saturate;

    CastKernel(NodeSpec node) {
        this.to = switch (node.required("to").value()) {
            case AttributeValue.IntValue(long code) -> ElementType.fromCode((int) code)
                    .filter(t -> t != ElementType.UNDEFINED)
                    .orElseThrow(() -> new KernelException("attribute 'to' = " + code + " is not an element type"));
            case AttributeValue.StringValue s -> parseTypeName(s.text());
            default -> throw new KernelException("attribute 'to' must be an int (or a type name in version 1)");
        };
        this.saturate = node.intAttr("saturate", 1) != 0;
    }

    @Override
    Tensor compute(RuntimeValue[] inputs) {
        return Conversion.convert(Operands.tensor(inputs, 0, "input"), to, saturate);
    }

    private static ElementType parseTypeName(String name) {
        try {
            return ElementType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new KernelException("attribute 'to' = \"" + name + "\" is not an element type name");
        }
    }
}
