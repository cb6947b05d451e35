package dev.loupe.executor.kernel;

/// A kernel that can take a constant input once, while a fast session is planned, into a form of its own
/// (weights packed for its product) or as a view of where the model stores it, and then run without it. The
/// session passes `null` in each slot the kernel took and keeps no copy of the value, so such weights sit in
/// memory once: in the kernel's layout, or only in the mapped model file. A kernel whose best layout depends on
/// the shapes of its other inputs may keep the offered value until its first run and choose then.
///
/// A kernel that took a slot still accepts a tensor there (a caller that does not know about taking, such as
/// a debug session sharing the factory) and then computes from that tensor as usual.
public interface ConstantTakingKernel extends Kernel {

    /// Offers `value`, the constant of input `slot`, before the first run. Returns whether the kernel took
    /// it: every later run that gets `null` in that slot computes as if `value` were there. A kernel that
    /// declines (an element type or layout it does not pack) is unchanged.
    boolean take(int slot, ConstantInput value);
}
