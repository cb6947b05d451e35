package dev.loupe.executor.session;

import dev.loupe.executor.kernel.CancelledException;
import dev.loupe.executor.kernel.Kernel;
import dev.loupe.executor.kernel.KernelContext;
import dev.loupe.executor.kernel.KernelException;
import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.ElementType;
import dev.loupe.model.Graph;

import java.util.Arrays;
import java.util.List;

/// Nodes that only move elements (`Transpose`, `Reshape`, `Split`, ...) between a value, the root, and a
/// product that reads their result, in a [ExecutionMode#FAST] plan: the product reads the root in place
/// through the [StridedLayout] the chain amounts to, and the chain's copies are never made.
///
/// The layout is found by running the chain's own kernels once on a tensor of the root's shape holding each
/// element's position (so the nodes' semantics come from their kernels, not from a second implementation
/// here) and checking that the positions it yields are an affine function of the result's index. It is kept
/// while the root's shape stays the same. Where the chain is not affine, or the root is not float32,
/// [#apply] runs the kernels on the values instead.
///
/// Runs are serialized by the session that owns the plan, so the cached layout is a plain field.
final class ViewChain {

    /// One node of the chain: its kernel, its inputs with the chained value in slot 0 and constants in the
    /// others, and the output the next node (or the product) reads.
    record Link(Kernel kernel, RuntimeValue[] inputs, int output) {
    }

    /// What the kernels see while the chain runs on its own: one thread, fresh storage, no subgraphs.
    private record OwnContext(KernelContext run) implements KernelContext {
        @Override
        public void checkCancelled() {
            run.checkCancelled();
        }

        @Override
        public RuntimeValue[] runSubgraph(Graph body, RuntimeValue[] inputs) {
            throw new IllegalStateException("no subgraphs in a view chain");
        }

        @Override
        public int threads() {
            return 1;
        }
    }

    /// Where a product's result goes when a chain reads it: the chain's result shape, and the layout of the
    /// product's elements within it.
    record Placement(long[] shape, StridedLayout layout) {
    }

    private final List<Link> links;
    /// The root shape [#layout] last traced, and what it found (`null`: no layout for that shape).
    private long[] layoutShape;
    private StridedLayout tracedLayout;
    /// The root shape [#placement] last traced, and what it found (`null`: no placement for that shape).
    private long[] placementShape;
    private Placement tracedPlacement;

    ViewChain(List<Link> links) {
        this.links = List.copyOf(links);
    }

    /// The chain's result over a root of `rootShape` as a layout of the root's elements, or `null` when it is
    /// not one (the chain is not affine there, or the root holds more elements than a position can count).
    StridedLayout layout(long[] rootShape, KernelContext context) {
        if (!Arrays.equals(rootShape, layoutShape)) {
            var positions = positions(rootShape, context);
            tracedLayout = positions == null ? null : StridedLayout.affine(positions.shape(), positions.ints());
            layoutShape = rootShape.clone();
        }
        return tracedLayout;
    }

    /// Where each element of a root of `rootShape` lands in the chain's result, or `null` when the chain does
    /// not move every element to one place of its own along an affine layout (a `Transpose` and `Reshape`s do).
    Placement placement(long[] rootShape, KernelContext context) {
        if (!Arrays.equals(rootShape, placementShape)) {
            var positions = positions(rootShape, context);
            tracedPlacement = positions == null ? null : placement(rootShape, positions);
            placementShape = rootShape.clone();
        }
        return tracedPlacement;
    }

    private static Placement placement(long[] rootShape, Tensor positions) {
        if (positions.size() != StridedLayout.count(rootShape)) {
            return null;
        }
        var from = positions.ints();
        var to = new int[from.length];
        Arrays.fill(to, -1);
        for (int i = 0; i < from.length; i++) {
            if (to[from[i]] >= 0) {
                return null;
            }
            to[from[i]] = i;
        }
        for (int p : to) {
            if (p < 0) {
                return null;
            }
        }
        var layout = StridedLayout.affine(rootShape, to);
        return layout == null ? null : new Placement(positions.shape(), layout);
    }

    /// The chain's result computed by its kernels from `root`.
    Tensor apply(Tensor root, KernelContext context) {
        RuntimeValue value = root;
        var own = new OwnContext(context);
        for (var link : links) {
            var in = link.inputs().clone();
            in[0] = value;
            var out = link.kernel().run(in, own);
            if (out == null || out.length <= link.output() || out[link.output()] == null) {
                throw new KernelException("a node before the product returned no value");
            }
            value = out[link.output()];
        }
        if (!(value instanceof Tensor t)) {
            throw new KernelException("a node before the product returned " + value.describe() + ", not a tensor");
        }
        return t;
    }

    /// The chain run on a root of `rootShape` holding each element's position, or `null` when the kernels
    /// reject that shape (running them on the values reports why) or the root is too large to count.
    private Tensor positions(long[] rootShape, KernelContext context) {
        long count = StridedLayout.count(rootShape);
        if (count <= 0 || count > Integer.MAX_VALUE) {
            return null;
        }
        var positions = Tensor.allocate(ElementType.INT32, rootShape);
        var p = positions.ints();
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        Tensor result;
        try {
            result = apply(positions, context);
        } catch (CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            return null;
        }
        return result.type() == ElementType.INT32 ? result : null;
    }
}
