package dev.loupe.app.layout;

import dev.loupe.app.diagram.Diagram;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/// Computes a whole [GraphLayout] for a [Diagram].
public interface LayoutEngine {

    /// Lays out `diagram`, checking `cancelled` between phases.
    ///
    /// @throws CancellationException when `cancelled` became true before the layout finished
    GraphLayout layout(Diagram diagram, BooleanSupplier cancelled);
}
