package dev.loupe.model.infer;

import dev.loupe.model.Dim;
import dev.loupe.model.ElementType;
import dev.loupe.model.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// Matrix products: `MatMul` (numpy semantics, with batch broadcasting), its integer and quantized forms,
/// `Gemm`, `Einsum` and `Det`.
final class LinearAlgebraRules {

    private LinearAlgebraRules() {
    }

    static void register(Rules r) {
        r.add(c -> c.set(0, c.elem(0), matmul(c, c.shape(0), c.shape(1))), "MatMul");
        r.add(c -> c.set(0, ElementType.INT32, matmul(c, c.shape(0), c.shape(1))), "MatMulInteger");
        r.add(c -> c.set(0, c.elem(7), matmul(c, c.shape(0), c.shape(3))), "QLinearMatMul");
        r.add(LinearAlgebraRules::gemm, "Gemm");
        r.add(LinearAlgebraRules::einsum, "Einsum");
        r.add(c -> c.set(0, c.elem(0), c.rank(0) < 2 ? null : Shapes.dims(c.shape(0), 0, c.rank(0) - 2)), "Det");
    }

    /// The shape of `a @ b`: a 1-D operand is a row (left) or column (right) vector whose added axis is
    /// removed again; batch dimensions broadcast.
    static Shape matmul(NodeContext c, Shape a, Shape b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.rank() == 0 || b.rank() == 0) {
            c.problem("MatMul operands must have rank 1 or more, got " + a + " and " + b);
            return null;
        }
        var da = new ArrayList<>(a.dims());
        var db = new ArrayList<>(b.dims());
        if (da.size() == 1) {
            da.addFirst(Dims.ONE);
        }
        if (db.size() == 1) {
            db.add(Dims.ONE);
        }
        var k1 = da.getLast();
        var k2 = db.get(db.size() - 2);
        if (Dims.conflict(k1, k2)) {
            c.problem("inner dimensions of " + a + " and " + b + " differ: expected equal sizes, got " + k1 + " and " + k2);
        }
        var batch = Shapes.broadcast(new Shape(da.subList(0, da.size() - 2)), new Shape(db.subList(0, db.size() - 2)), c::problem);
        var out = new ArrayList<>(batch.dims());
        if (a.rank() > 1) {
            out.add(da.get(da.size() - 2));
        }
        if (b.rank() > 1) {
            out.add(db.getLast());
        }
        return new Shape(out);
    }

    private static void gemm(NodeContext c) {
        var a = c.shape(0);
        var b = c.shape(1);
        Dim m = Dims.UNKNOWN;
        Dim n = Dims.UNKNOWN;
        if (a != null && a.rank() == 2) {
            m = a.dim(c.intAttr("transA", 0) != 0 ? 1 : 0);
        }
        if (b != null && b.rank() == 2) {
            n = b.dim(c.intAttr("transB", 0) != 0 ? 0 : 1);
        }
        c.set(0, c.elem(0), List.of(m, n));
    }

    /// `Einsum`: each letter names one dimension; `...` stands for broadcast dimensions. Without `->`, the
    /// output holds the letters used once, in alphabetical order, after the broadcast dimensions.
    private static void einsum(NodeContext c) {
        var equation = c.stringAttr("equation", "").replace(" ", "");
        int arrow = equation.indexOf("->");
        var terms = (arrow < 0 ? equation : equation.substring(0, arrow)).split(",", -1);
        if (terms.length != c.inputCount()) {
            c.problem("equation '" + equation + "' has " + terms.length + " operands but the node has " + c.inputCount() + " inputs");
            return;
        }
        Map<Character, Dim> letters = new HashMap<>();
        Map<Character, Integer> uses = new HashMap<>();
        Shape ellipsis = Shapes.scalar();
        for (int i = 0; i < terms.length; i++) {
            var shape = c.shape(i);
            if (shape == null) {
                c.setElem(0, c.elem(0));
                return;
            }
            var term = terms[i];
            int dots = term.indexOf("...");
            int named = term.replace("...", "").length();
            int broadcastRank = shape.rank() - named;
            if (broadcastRank < 0 || dots < 0 && broadcastRank != 0) {
                c.problem("operand " + i + " of shape " + shape + " does not match term '" + term + "'");
                return;
            }
            int axis = 0;
            for (int k = 0; k < term.length(); k++) {
                char ch = term.charAt(k);
                if (ch == '.') {
                    if (k == dots) {
                        ellipsis = Shapes.broadcast(ellipsis, new Shape(shape.dims().subList(axis, axis + broadcastRank)), c::problem);
                        axis += broadcastRank;
                    }
                    continue;
                }
                var d = shape.dim(axis++);
                letters.merge(ch, d, LinearAlgebraRules::einsumDim);
                uses.merge(ch, 1, Integer::sum);
            }
        }
        String output;
        if (arrow >= 0) {
            output = equation.substring(arrow + 2);
        } else {
            var sb = new StringBuilder("...");
            uses.keySet().stream().filter(ch -> uses.get(ch) == 1).sorted().forEach(sb::append);
            output = sb.toString();
        }
        var dims = new ArrayList<Dim>();
        for (int k = 0; k < output.length(); k++) {
            char ch = output.charAt(k);
            if (ch == '.') {
                if (output.startsWith("...", k)) {
                    dims.addAll(ellipsis.dims());
                    k += 2;
                }
                continue;
            }
            dims.add(letters.getOrDefault(ch, Dims.UNKNOWN));
        }
        c.set(0, c.elem(0), dims);
    }

    /// A letter used by several operands: a size of 1 broadcasts against the other size.
    private static Dim einsumDim(Dim a, Dim b) {
        return Dims.is(a, 1) ? b : Dims.is(b, 1) ? a : Dims.unify(a, b);
    }
}
