package dev.loupe.app.diagram;

import java.util.HashSet;
import java.util.Set;

/// Which name-scope groups of a graph are collapsed, and which calls of model-local functions are drawn
/// expanded. Immutable: expanding or collapsing returns a new state.
///
/// A node is drawn inside the outermost collapsed group above it; nested collapsed groups inside a
/// collapsed group are simply not visible. An expanded call is a view only: where its box is visible (not
/// hidden in a collapsed group), [DiagramBuilder] draws its function's body in its place. Calls stay
/// expanded while groups open and close around them.
public final class GroupingState {

    /// Graphs with more nodes than this open with groups collapsed.
    public static final int COLLAPSE_THRESHOLD = 3000;
    /// How many items an opening view of a large graph aims to show at most.
    static final int VISIBLE_BUDGET = 1500;

    private final ScopeTree tree;
    private final Set<Scope> collapsed;
    private final Set<Integer> expandedCalls;

    private GroupingState(ScopeTree tree, Set<Scope> collapsed) {
        this(tree, collapsed, Set.of());
    }

    private GroupingState(ScopeTree tree, Set<Scope> collapsed, Set<Integer> expandedCalls) {
        this.tree = tree;
        this.collapsed = Set.copyOf(collapsed);
        this.expandedCalls = Set.copyOf(expandedCalls);
    }

    /// Every group expanded.
    public static GroupingState expandedAll(ScopeTree tree) {
        return new GroupingState(tree, Set.of());
    }

    /// Every top-level group collapsed.
    public static GroupingState collapsedAll(ScopeTree tree) {
        var top = new HashSet<Scope>();
        for (var s : tree.root().children()) {
            collectTopGroups(s, top);
        }
        return new GroupingState(tree, top);
    }

    /// The state a graph opens with: everything expanded up to [#COLLAPSE_THRESHOLD] nodes. Above it, the
    /// top-level groups start collapsed and are opened one nesting level at a time, all groups of a level
    /// together, while the number of visible items stays within a budget; so siblings always look alike.
    public static GroupingState initial(ScopeTree tree) {
        if (tree.root().size() <= COLLAPSE_THRESHOLD) {
            return expandedAll(tree);
        }
        var state = new HashSet<Scope>();
        for (var s : tree.root().children()) {
            collectTopGroups(s, state);
        }
        int visible = countVisible(tree.root(), state);
        var frontier = new HashSet<>(state);
        while (!frontier.isEmpty()) {
            int cost = frontier.stream().mapToInt(s -> itemsWhenOpen(s) - 1).sum();
            if (visible + cost > VISIBLE_BUDGET) {
                break;
            }
            visible += cost;
            var next = new HashSet<Scope>();
            for (var s : frontier) {
                state.remove(s);
                for (var c : s.children()) {
                    collectTopGroups(c, next);
                }
            }
            state.addAll(next);
            frontier = next;
        }
        return new GroupingState(tree, state);
    }

    public ScopeTree tree() {
        return tree;
    }

    public boolean isCollapsed(Scope scope) {
        return collapsed.contains(scope);
    }

    public Set<Scope> collapsed() {
        return collapsed;
    }

    /// Whether the call that is node `index` is drawn expanded (when it calls a model-local function).
    public boolean isCallExpanded(int index) {
        return expandedCalls.contains(index);
    }

    /// The indexes of the calls drawn expanded.
    public Set<Integer> expandedCalls() {
        return expandedCalls;
    }

    /// This state with the call that is node `index` drawn expanded.
    public GroupingState expandCall(int index) {
        var next = new HashSet<>(expandedCalls);
        next.add(index);
        return new GroupingState(tree, collapsed, next);
    }

    /// This state with the call that is node `index` drawn as one box again.
    public GroupingState collapseCall(int index) {
        var next = new HashSet<>(expandedCalls);
        next.remove(index);
        return new GroupingState(tree, collapsed, next);
    }

    /// The outermost collapsed group holding node `index`, or `null` when the node is visible itself.
    public Scope representative(int index) {
        for (var s : tree.groupsAbove(index)) {
            if (collapsed.contains(s)) {
                return s;
            }
        }
        return null;
    }

    /// This state with `scope` open; its child groups start collapsed when opening them all would show
    /// more than the budget of items.
    public GroupingState expand(Scope scope) {
        var next = new HashSet<>(collapsed);
        next.remove(scope);
        if (scope.size() > VISIBLE_BUDGET) {
            for (var c : scope.children()) {
                collectTopGroups(c, next);
            }
        }
        return new GroupingState(tree, next, expandedCalls);
    }

    /// This state with `scope` closed (and any group inside it forgotten).
    public GroupingState collapse(Scope scope) {
        var next = new HashSet<Scope>();
        for (var s : collapsed) {
            if (!scope.contains(s)) {
                next.add(s);
            }
        }
        next.add(scope);
        return new GroupingState(tree, next, expandedCalls);
    }

    /// This state with every group above node `index` open, so that the node itself is visible.
    public GroupingState reveal(int index) {
        var next = new HashSet<>(collapsed);
        var above = tree.groupsAbove(index);
        for (var s : above) {
            if (next.remove(s) && s.size() > VISIBLE_BUDGET) {
                for (var c : s.children()) {
                    collectTopGroups(c, next);
                }
            }
        }
        above.forEach(next::remove);
        return new GroupingState(tree, next, expandedCalls);
    }

    /// The outermost groups at or below `s` (a scope of one node is not a group: look inside it).
    private static void collectTopGroups(Scope s, Set<Scope> out) {
        if (s.isGroup()) {
            out.add(s);
        }
    }

    /// Items shown when `s` is open and its child groups collapsed: its own nodes plus one per child scope.
    private static int itemsWhenOpen(Scope s) {
        return s.nodes().size() + s.children().size();
    }

    private static int countVisible(Scope s, Set<Scope> collapsedSet) {
        if (collapsedSet.contains(s)) {
            return 1;
        }
        int n = s.nodes().size();
        for (var c : s.children()) {
            n += countVisible(c, collapsedSet);
        }
        return n;
    }
}
