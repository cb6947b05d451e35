package dev.loupe.model.infer;

import dev.loupe.model.Dim;
import java.util.List;

/// `RNN`, `GRU` and `LSTM`: `Y` is `[seq, directions, batch, hidden]` and the final states
/// `[directions, batch, hidden]`, or batch-first with `layout = 1`.
final class RecurrentRules {

    private RecurrentRules() {
    }

    static void register(Rules r) {
        r.add(RecurrentRules::recurrent, "RNN", "GRU", "LSTM");
    }

    private static void recurrent(NodeContext c) {
        var x = c.shape(0);
        boolean batchFirst = c.intAttr("layout", 0) != 0;
        Dim seq = Dims.UNKNOWN;
        Dim batch = Dims.UNKNOWN;
        if (x != null && x.rank() == 3) {
            seq = x.dim(batchFirst ? 1 : 0);
            batch = x.dim(batchFirst ? 0 : 1);
        }
        var directions = Dim.of(c.stringAttr("direction", "forward").equals("bidirectional") ? 2 : 1);
        Dim hidden = c.hasAttr("hidden_size") ? Dim.of(c.intAttr("hidden_size", 0))
                : c.rank(2) == 3 ? c.shape(2).dim(2) : Dims.UNKNOWN;
        var elem = c.elem(0);
        c.set(0, elem, batchFirst ? List.of(batch, seq, directions, hidden) : List.of(seq, directions, batch, hidden));
        var state = batchFirst ? List.of(batch, directions, hidden) : List.of(directions, batch, hidden);
        for (int i = 1; i < c.outputCount(); i++) {
            c.set(i, elem, state);
        }
    }
}
