package dev.loupe.app.main;

import dev.loupe.app.diagram.DiagramBuilder;
import dev.loupe.app.diagram.DiagramNode;
import dev.loupe.app.diagram.GroupingState;
import dev.loupe.app.diagram.OpCatalog;
import dev.loupe.app.diagram.Scope;
import dev.loupe.app.layout.GraphLayout;
import dev.loupe.app.layout.IncrementalLayout;
import dev.loupe.app.render.Highlight;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/// The state of the diagram area: the stack of diagrams (main graph, then subgraphs entered), the current
/// one, the selected box and its highlight, and requests for the view to centre on a box.
///
/// Opening or closing a group, expanding or collapsing a function call, and entering a subgraph, lay out in
/// the background through the shared [TaskRunner]. An expanded call is a view only: the boxes of its body
/// are display-only items ([DiagramNode#inCall()]) that the editing commands refuse. FX thread only.
public final class DiagramViewModel {

    /// Asks the view to centre on a box; `serial` makes repeated requests for the same box distinct.
    public record FocusRequest(int box, long serial) {}

    private final TaskRunner runner;
    private final Consumer<String> status;
    private final ObservableList<DiagramLevel> levels = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<DiagramLevel> level = new ReadOnlyObjectWrapper<>(this, "level");
    private final ReadOnlyObjectWrapper<DiagramNode> selectedItem = new ReadOnlyObjectWrapper<>(this, "selectedItem");
    private final ObjectProperty<Highlight> highlight = new SimpleObjectProperty<>(this, "highlight", Highlight.NONE);
    private final ReadOnlyObjectWrapper<FocusRequest> focusRequest = new ReadOnlyObjectWrapper<>(this, "focusRequest");
    private int selectedBox = -1;
    private final java.util.BitSet marked = new java.util.BitSet();
    private long serial;
    private OpCatalog catalog;

    DiagramViewModel(TaskRunner runner, Consumer<String> status) {
        this.runner = runner;
        this.status = status;
    }

    /// The breadcrumb: the main graph first, the diagram shown last.
    public ObservableList<DiagramLevel> levels() {
        return levels;
    }

    public ReadOnlyObjectProperty<DiagramLevel> levelProperty() {
        return level.getReadOnlyProperty();
    }

    public DiagramLevel getLevel() {
        return level.get();
    }

    public ReadOnlyObjectProperty<DiagramNode> selectedItemProperty() {
        return selectedItem.getReadOnlyProperty();
    }

    public ObjectProperty<Highlight> highlightProperty() {
        return highlight;
    }

    public ReadOnlyObjectProperty<FocusRequest> focusRequestProperty() {
        return focusRequest.getReadOnlyProperty();
    }

    public int getSelectedBox() {
        return selectedBox;
    }

    /// Shows a newly opened model's main diagram (or nothing, for `null`).
    void reset(DiagramLevel main, OpCatalog newCatalog) {
        this.catalog = newCatalog;
        levels.clear();
        if (main != null) {
            levels.add(main);
        }
        level.set(main);
        select(-1);
    }

    /// Selects box `box` of the current diagram (-1 clears the selection); a multiple selection ends.
    public void select(int box) {
        marked.clear();
        var current = level.get();
        if (current == null || box < 0 || box >= current.layout().nodeCount()) {
            selectedBox = -1;
            selectedItem.set(null);
            highlight.set(Highlight.NONE);
            return;
        }
        selectedBox = box;
        selectedItem.set(current.diagram().node(box));
        highlight.set(Highlight.of(current.index(), box));
    }

    /// Adds operator or group box `box` to the multiple selection, or removes it (Ctrl+click); the
    /// selection so far joins it first. The last box added becomes the selected item.
    public void toggle(int box) {
        var current = level.get();
        if (current == null || box < 0 || box >= current.layout().nodeCount()) {
            return;
        }
        var kind = current.diagram().node(box).kind();
        if (kind != DiagramNode.Kind.OPERATOR && kind != DiagramNode.Kind.GROUP) {
            return;
        }
        if (marked.isEmpty() && selectedBox >= 0 && selectedBox != box) {
            marked.set(selectedBox);
        }
        marked.flip(box);
        int latest = marked.get(box) ? box : marked.previousSetBit(current.layout().nodeCount());
        selectedBox = latest;
        selectedItem.set(latest < 0 ? null : current.diagram().node(latest));
        var flags = new boolean[current.layout().nodeCount()];
        marked.stream().forEach(i -> flags[i] = true);
        highlight.set((latest < 0 ? Highlight.NONE : Highlight.of(current.index(), latest)).withMarked(flags));
    }

    /// The boxes of the multiple selection, in box order; empty when one box (or none) is selected.
    public java.util.List<DiagramNode> markedItems() {
        var current = level.get();
        if (current == null) {
            return java.util.List.of();
        }
        return marked.stream().mapToObj(i -> current.diagram().node(i)).toList();
    }

    /// Selects box `box` and asks the view to centre on it.
    public void focus(int box) {
        select(box);
        if (box >= 0) {
            focusRequest.set(new FocusRequest(box, ++serial));
        }
    }

    /// What double-clicking a box does: opens a group, enters the only subgraph or the function called.
    public void open(int box) {
        var current = level.get();
        if (current == null || box < 0) {
            return;
        }
        var item = current.diagram().node(box);
        switch (item.kind()) {
            case GROUP -> expand(item.scope());
            case OPERATOR -> {
                var bodies = subgraphsOf(item.node());
                if (bodies.size() == 1) {
                    enter(item.node(), bodies.getFirst());
                } else if (bodies.isEmpty() && catalog != null) {
                    catalog.model().functionFor(item.node()).ifPresent(f -> enter(item.node(), new Subgraph(f.name(), f.body())));
                }
            }
            default -> { }
        }
    }

    /// A graph a node holds or calls, with the name to show in the breadcrumb.
    public record Subgraph(String label, Graph graph) {}

    /// The graphs held by `node`'s attributes (`then_branch`, `else_branch`, `body`...).
    public static List<Subgraph> subgraphsOf(Node node) {
        return node.attributes().values().stream().<Subgraph>mapMulti((a, out) -> {
            switch (a.value()) {
                case dev.loupe.model.AttributeValue.GraphValue(Graph g) -> out.accept(new Subgraph(a.name(), g));
                case dev.loupe.model.AttributeValue.Graphs(var gs) -> {
                    for (int i = 0; i < gs.size(); i++) {
                        out.accept(new Subgraph(a.name() + "[" + i + "]", gs.get(i)));
                    }
                }
                default -> { }
            }
        }).toList();
    }

    /// Shows `sub` (a body of `node`) as its own diagram, one level deeper in the breadcrumb.
    public void enter(Node node, Subgraph sub) {
        var title = node.displayName() + " › " + sub.label();
        var builder = new DiagramBuilder(sub.graph(), catalog);
        runLayout("Laying out " + title + "…", cancelled -> DiagramLevel.create(title, builder,
                GroupingState.initial(builder.scopes()), cancelled), next -> {
                    levels.add(next);
                    level.set(next);
                    select(-1);
                });
    }

    /// One body entered from the graph above: `caller` runs `subgraph`.
    public record BodyStep(Node caller, Subgraph subgraph) {}

    /// Shows the innermost of `bodies`, entered in order from the main graph, keeping the breadcrumb's levels
    /// that already match and laying out the others in one background task; then runs `then`.
    public void showBodies(List<BodyStep> bodies, Runnable then) {
        if (levels.isEmpty()) {
            return;
        }
        int keep = 1;
        while (keep < levels.size() && keep - 1 < bodies.size()
                && levels.get(keep).graph() == bodies.get(keep - 1).subgraph().graph()) {
            keep++;
        }
        if (keep - 1 == bodies.size()) {
            goTo(keep - 1);
            then.run();
            return;
        }
        var toOpen = List.copyOf(bodies.subList(keep - 1, bodies.size()));
        int base = keep;
        var task = new Task<List<DiagramLevel>>() {
            @Override
            protected List<DiagramLevel> call() throws Exception {
                var out = new java.util.ArrayList<DiagramLevel>();
                for (var step : toOpen) {
                    var title = step.caller().displayName() + " › " + step.subgraph().label();
                    updateMessage("Laying out " + title + "…");
                    var builder = new DiagramBuilder(step.subgraph().graph(), catalog);
                    out.add(DiagramLevel.create(title, builder, GroupingState.initial(builder.scopes()), this::isCancelled));
                }
                return out;
            }
        };
        runner.run(task, opened -> {
            levels.remove(Math.min(base, levels.size()), levels.size());
            levels.addAll(opened);
            level.set(levels.getLast());
            select(-1);
            then.run();
        }, e -> status.accept("Layout failed: " + e.getMessage()), () -> status.accept("Cancelled"));
    }

    /// Goes back to breadcrumb entry `index` (0 is the main graph).
    public void goTo(int index) {
        if (index < 0 || index >= levels.size() || index == levels.size() - 1) {
            return;
        }
        levels.remove(index + 1, levels.size());
        level.set(levels.getLast());
        select(-1);
    }

    /// Opens group `scope` of the current diagram, laying out only its members.
    public void expand(Scope scope) {
        var current = level.get();
        if (current == null || !current.grouping().isCollapsed(scope)) {
            return;
        }
        var next = current.grouping().expand(scope);
        var key = "g:" + scope.path();
        runLayout("Opening " + scope.label() + "…", cancelled -> {
            var diagram = current.builder().build(next);
            return current.withLayout(IncrementalLayout.expand(current.layout(), diagram, key, DiagramLevel.ENGINE, cancelled));
        }, this::replaceLevel);
    }

    /// Closes group `scope`; falls back to a whole layout when the group's members are interleaved with others.
    public void collapse(Scope scope) {
        var current = level.get();
        if (current == null || scope == null || !scope.isGroup()) {
            return;
        }
        var next = current.grouping().collapse(scope);
        var key = "g:" + scope.path();
        runLayout("Closing " + scope.label() + "…", cancelled -> {
            var diagram = current.builder().build(next);
            GraphLayout spliced = IncrementalLayout.collapse(current.layout(), diagram, key);
            if (spliced != null) {
                return current.withLayout(spliced);
            }
            return DiagramLevel.create(current.title(), current.builder(), next, cancelled);
        }, updated -> {
            replaceLevel(updated);
            focus(updated.diagram().indexOf(key));
        });
    }

    /// Draws the selected call of a model-local function expanded: its body's operators inside a frame where
    /// its box was, wired to the call's inputs and outputs. Says in the status line when the selection is not
    /// such a call.
    public void expandSelectedCall() {
        var item = selectedItem.get();
        var current = level.get();
        if (current == null || item == null || item.kind() != DiagramNode.Kind.OPERATOR || item.inCall()
                || catalog == null || catalog.model().functionFor(item.node()).isEmpty()) {
            status.accept("Select a call of a model-local function to expand it");
            return;
        }
        expandCall(item.nodeIndex());
    }

    /// Draws the call that is node `nodeIndex` of the current graph expanded, laying out only its body.
    public void expandCall(int nodeIndex) {
        var current = level.get();
        if (current == null || nodeIndex < 0 || current.grouping().isCallExpanded(nodeIndex)) {
            return;
        }
        var next = current.grouping().expandCall(nodeIndex);
        var key = "n:" + nodeIndex;
        var call = current.graph().nodes().get(nodeIndex);
        runLayout("Expanding " + call.displayName() + "…", cancelled -> {
            var diagram = current.builder().build(next);
            if (diagram.frameOfCall(nodeIndex) == null || current.diagram().indexOf(key) < 0) {
                return DiagramLevel.create(current.title(), current.builder(), next, cancelled);
            }
            return current.withLayout(IncrementalLayout.expandCall(current.layout(), diagram, key, DiagramLevel.ENGINE, cancelled));
        }, updated -> {
            replaceLevel(updated);
            var frame = updated.diagram().frameOfCall(nodeIndex);
            focus(frame == null ? updated.diagram().itemOfNode(nodeIndex) : frame.firstBox());
        });
    }

    /// Draws the expanded call holding the selected box (or the selected call) as one box again.
    public void collapseSelectedCall() {
        var item = selectedItem.get();
        var current = level.get();
        if (current == null || item == null || item.kind() != DiagramNode.Kind.OPERATOR) {
            status.accept("Select a node of an expanded call to collapse it");
            return;
        }
        int call = item.inCall() ? current.builder().indexOf(item.caller()) : item.nodeIndex();
        if (call < 0 || !current.grouping().isCallExpanded(call)) {
            status.accept("Select a node of an expanded call to collapse it");
            return;
        }
        collapseCall(call);
    }

    /// Draws the call that is node `nodeIndex` of the current graph as one box again; falls back to a whole
    /// layout when other boxes lie inside its frame.
    public void collapseCall(int nodeIndex) {
        var current = level.get();
        if (current == null || nodeIndex < 0 || !current.grouping().isCallExpanded(nodeIndex)) {
            return;
        }
        var next = current.grouping().collapseCall(nodeIndex);
        var key = "n:" + nodeIndex;
        boolean drawn = current.diagram().frameOfCall(nodeIndex) != null;
        runLayout("Collapsing " + current.graph().nodes().get(nodeIndex).displayName() + "…", cancelled -> {
            var diagram = current.builder().build(next);
            GraphLayout spliced = drawn ? IncrementalLayout.collapseCall(current.layout(), diagram, key) : null;
            if (spliced != null) {
                return current.withLayout(spliced);
            }
            return DiagramLevel.create(current.title(), current.builder(), next, cancelled);
        }, updated -> {
            replaceLevel(updated);
            focus(updated.diagram().indexOf(key));
        });
    }

    /// Closes the innermost group holding the selected operator; for a body node shown in place, its call.
    public void collapseSelection() {
        var item = selectedItem.get();
        var current = level.get();
        if (item == null || current == null) {
            return;
        }
        if (item.inCall()) {
            collapseSelectedCall();
            return;
        }
        Scope target = null;
        if (item.kind() == DiagramNode.Kind.OPERATOR) {
            var groups = current.builder().scopes().groupsAbove(item.nodeIndex());
            target = groups.isEmpty() ? null : groups.getLast();
        } else if (item.kind() == DiagramNode.Kind.GROUP && item.scope().parent() != null && item.scope().parent().isGroup()) {
            target = item.scope().parent();
        }
        if (target != null) {
            collapse(target);
        }
    }

    /// Lays out the current graph again with every group open, or with every top-level group closed.
    public void setAllGroups(boolean expanded) {
        var current = level.get();
        if (current == null) {
            return;
        }
        var tree = current.builder().scopes();
        var grouping = expanded ? GroupingState.expandedAll(tree) : GroupingState.collapsedAll(tree);
        runLayout("Laying out…", cancelled -> DiagramLevel.create(current.title(), current.builder(), grouping, cancelled),
                this::replaceLevel);
    }

    /// Shows operator `nodeIndex` of the current graph, opening the groups around it, then selects it.
    public void reveal(int nodeIndex) {
        var current = level.get();
        if (current == null || nodeIndex < 0) {
            return;
        }
        var frame = current.diagram().frameOfCall(nodeIndex);
        if (frame != null) {
            focus(frame.firstBox());
            return;
        }
        int box = current.diagram().itemOfNode(nodeIndex);
        var item = box < 0 ? null : current.diagram().node(box);
        if (item != null && item.kind() == DiagramNode.Kind.OPERATOR) {
            focus(box);
            return;
        }
        if (item == null) {
            return;
        }
        var grouping = current.grouping().reveal(nodeIndex);
        runLayout("Opening groups…", cancelled -> {
            var layout = current.layout();
            var state = current.grouping();
            // Open the collapsed groups above the node one at a time, outermost first, each spliced in place.
            for (var g : current.builder().scopes().groupsAbove(nodeIndex)) {
                if (state.isCollapsed(g)) {
                    state = state.expand(g);
                    var diagram = current.builder().build(state);
                    layout = IncrementalLayout.expand(layout, diagram, "g:" + g.path(), DiagramLevel.ENGINE, cancelled);
                }
            }
            int shown = layout.diagram().itemOfNode(nodeIndex);
            if (layout.diagram().frameOfCall(nodeIndex) == null
                    && (shown < 0 || layout.diagram().node(shown).kind() != DiagramNode.Kind.OPERATOR)) {
                return DiagramLevel.create(current.title(), current.builder(), grouping, cancelled);
            }
            return current.withLayout(layout);
        }, updated -> {
            replaceLevel(updated);
            var shownFrame = updated.diagram().frameOfCall(nodeIndex);
            focus(shownFrame != null ? shownFrame.firstBox() : updated.diagram().itemOfNode(nodeIndex));
        });
    }

    /// Moves the selection along the data flow (up: a producer, down: a consumer) or sideways to the nearest
    /// box in the same row. Returns whether there was a selection to move.
    public boolean navigate(Direction direction) {
        var current = level.get();
        if (current == null || selectedBox < 0) {
            return false;
        }
        int target = DiagramNavigation.target(current, selectedBox, direction);
        if (target >= 0) {
            focus(target);
        }
        return true;
    }

    /// Directions of keyboard traversal.
    public enum Direction { UP, DOWN, LEFT, RIGHT }

    private void replaceLevel(DiagramLevel updated) {
        int at = levels.size() - 1;
        if (at >= 0) {
            levels.set(at, updated);
        } else {
            levels.add(updated);
        }
        level.set(updated);
        select(-1);
    }

    /// Work that lays out, run on the task runner.
    @FunctionalInterface
    private interface LayoutWork {
        DiagramLevel run(java.util.function.BooleanSupplier cancelled) throws Exception;
    }

    private void runLayout(String message, LayoutWork work, Consumer<DiagramLevel> onDone) {
        var task = new Task<DiagramLevel>() {
            @Override
            protected DiagramLevel call() throws Exception {
                updateMessage(message);
                return work.run(this::isCancelled);
            }
        };
        runner.run(task, onDone, e -> status.accept("Layout failed: " + e.getMessage()), () -> status.accept("Cancelled"));
    }
}
