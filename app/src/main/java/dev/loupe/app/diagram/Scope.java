package dev.loupe.app.diagram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/// One name scope of a graph, such as `encoder/layer.3` for nodes named `/encoder/layer.3/...`.
///
/// A scope knows its sub-scopes and the operator nodes it holds directly; [#size()] counts every node
/// below it. Built once per graph by [ScopeTree] and not changed afterwards.
public final class Scope {

    private final String path;
    private final Scope parent;
    private final List<Scope> children = new ArrayList<>();
    private final List<Integer> nodes = new ArrayList<>();
    private int size;

    Scope(String path, Scope parent) {
        this.path = path;
        this.parent = parent;
    }

    /// The scope's path without leading slash, `""` for the root.
    public String path() {
        return path;
    }

    /// The last segment of the path, as shown on a collapsed group.
    public String label() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /// The enclosing scope, `null` for the root.
    public Scope parent() {
        return parent;
    }

    public List<Scope> children() {
        return Collections.unmodifiableList(children);
    }

    /// Indexes (in the graph's node list) of the nodes held directly by this scope.
    public List<Integer> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /// Number of nodes in this scope and all its sub-scopes.
    public int size() {
        return size;
    }

    /// Nesting depth: 0 for the root, 1 for top-level scopes.
    public int depth() {
        int d = 0;
        for (var s = parent; s != null; s = s.parent) {
            d++;
        }
        return d;
    }

    /// Whether collapsing this scope means anything: it is not the root and holds at least two nodes.
    public boolean isGroup() {
        return parent != null && size >= 2;
    }

    /// Whether `other` is this scope or lies inside it.
    public boolean contains(Scope other) {
        for (var s = other; s != null; s = s.parent) {
            if (s == this) {
                return true;
            }
        }
        return false;
    }

    Scope addChild(Scope child) {
        children.add(child);
        return child;
    }

    void addNode(int index) {
        nodes.add(index);
        for (var s = this; s != null; s = s.parent) {
            s.size++;
        }
    }

    @Override
    public String toString() {
        return "scope '" + path + "' (" + size + " nodes)";
    }
}
