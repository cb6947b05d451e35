package dev.loupe.app.render;

/// What the debugger adds to a diagram, per box and per edge of one layout: the box of the node the run is
/// paused at, boxes whose nodes have run, boxes with a breakpoint, an error level per box (the heat of a
/// comparison, drawn in the theme's `heat-*` colours) and live value labels that replace the declared
/// types on edges.
///
/// Arrays are indexed like the layout's boxes and edges; shorter arrays (or `null` entries) mean nothing
/// for the rest. Immutable by convention: build a new overlay instead of changing one that is shown.
///
/// @param current     the box of the current node, or -1
/// @param executed    for each box, whether (one of) its nodes has run
/// @param breakpoints for each box, whether (one of) its nodes has a breakpoint
/// @param heat        for each box, its error level: [#HEAT_NONE], [#HEAT_OK], [#HEAT_WARN], [#HEAT_BAD] or
///                    [#HEAT_NON_FINITE]
/// @param edgeLabels  for each edge, the live label to show instead of the declared type, or `null`
public record DebugOverlay(int current, boolean[] executed, boolean[] breakpoints, byte[] heat, String[] edgeLabels) {

    /// No error level.
    public static final byte HEAT_NONE = 0;
    /// Within the tolerance.
    public static final byte HEAT_OK = 1;
    /// Outside the tolerance, by less than a factor of 100.
    public static final byte HEAT_WARN = 2;
    /// Far outside the tolerance, or not comparable.
    public static final byte HEAT_BAD = 3;
    /// The outputs hold NaN or infinity.
    public static final byte HEAT_NON_FINITE = 4;

    /// Nothing to add.
    public static final DebugOverlay NONE = new DebugOverlay(-1, new boolean[0], new boolean[0], new byte[0], new String[0]);

    boolean isExecuted(int box) {
        return box < executed.length && executed[box];
    }

    boolean hasBreakpoint(int box) {
        return box < breakpoints.length && breakpoints[box];
    }

    int heatOf(int box) {
        return box < heat.length ? heat[box] : HEAT_NONE;
    }

    String edgeLabel(int edge) {
        return edge < edgeLabels.length ? edgeLabels[edge] : null;
    }

    /// Whether there is anything to draw for box `box`.
    boolean marks(int box) {
        return box == current || isExecuted(box) || hasBreakpoint(box) || heatOf(box) != 0;
    }
}
