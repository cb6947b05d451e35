package dev.loupe.app.debug;

import dev.loupe.executor.debug.Breakpoint;
import dev.loupe.model.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Predicate;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/// The breakpoints the user has set: on nodes (as the model holds them), on operator types, and the two
/// conditions on a node's outputs (a NaN or infinity appears; a magnitude exceeds a bound). They outlive
/// runs and are translated to the executor's [Breakpoint]s for each run. FX thread only.
public final class BreakpointsViewModel {

    private final ObservableSet<Node> nodes = FXCollections.observableSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final ObservableList<String> opTypes = FXCollections.observableArrayList();
    private final BooleanProperty onNonFinite = new SimpleBooleanProperty(this, "onNonFinite");
    private final BooleanProperty onLargeValues = new SimpleBooleanProperty(this, "onLargeValues");
    private final DoubleProperty bound = new SimpleDoubleProperty(this, "bound", 1e4);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");

    BreakpointsViewModel() {
        InvalidationListener changed = o -> revision.set(revision.get() + 1);
        nodes.addListener(changed);
        opTypes.addListener(changed);
        onNonFinite.addListener(changed);
        onLargeValues.addListener(changed);
        bound.addListener(changed);
    }

    /// Nodes with a breakpoint (compared by identity).
    public ObservableSet<Node> nodes() {
        return nodes;
    }

    /// Operator types to stop before, such as `Softmax`.
    public ObservableList<String> opTypes() {
        return opTypes;
    }

    /// Stop after the first node that outputs a NaN or an infinity.
    public BooleanProperty onNonFiniteProperty() {
        return onNonFinite;
    }

    /// Stop after a node that outputs a finite value whose magnitude exceeds [#boundProperty()].
    public BooleanProperty onLargeValuesProperty() {
        return onLargeValues;
    }

    public DoubleProperty boundProperty() {
        return bound;
    }

    /// Changes on every edit, for views and runs to follow.
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /// Sets a breakpoint on `node`, or removes the one it has. Returns whether it now has one.
    public boolean toggle(Node node) {
        if (nodes.remove(node)) {
            return false;
        }
        nodes.add(node);
        return true;
    }

    /// Adds a breakpoint on operator type `opType` (trimmed; ignored when blank or already there).
    public void addOpType(String opType) {
        var op = opType == null ? "" : opType.strip();
        if (!op.isEmpty() && !opTypes.contains(op)) {
            opTypes.add(op);
        }
    }

    /// Removes every breakpoint and condition.
    public void clear() {
        nodes.clear();
        opTypes.clear();
        onNonFinite.set(false);
        onLargeValues.set(false);
    }

    /// The breakpoints as the executor takes them. A node of a function body is matched by name, since
    /// each call runs a copy of the body.
    List<Breakpoint> toExecutor(Predicate<Node> inFunctionBody) {
        var out = new ArrayList<Breakpoint>();
        for (var n : nodes) {
            out.add(inFunctionBody.test(n) ? new Breakpoint.NodeNamed(n.displayName()) : Breakpoint.atNode(n));
        }
        opTypes.forEach(op -> out.add(Breakpoint.opType(op)));
        if (onNonFinite.get()) {
            out.add(Breakpoint.nonFinite());
        }
        if (onLargeValues.get()) {
            out.add(Breakpoint.maxAbsAbove(bound.get()));
        }
        return out;
    }
}
