package dev.loupe.executor.kernels.rnn;

/// The working arrays of one recurrent kernel's float path: each grows to the largest request and is then
/// reused, so steady-state runs allocate none of them. Contents are unspecified when handed out. Not for
/// concurrent use (a kernel runs on one thread at a time).
final class FloatScratch {

    private float[] projection = new float[0];
    private float[] gates = new float[0];

    /// Room for `x·Wᵀ + b` of every step and sample.
    float[] projection(int size) {
        if (projection.length < size) {
            projection = new float[size];
        }
        return projection;
    }

    /// Room for one step's gates and the cell's scratch.
    float[] gates(int size) {
        if (gates.length < size) {
            gates = new float[size];
        }
        return gates;
    }
}
