package dev.loupe.app.diagram;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/// The name scopes of one graph, from node names like `/encoder/layer.3/attention/MatMul`: every name
/// segment but the last is a scope. Nodes without a `/` in their name belong to the root scope.
///
/// Immutable once built; safe to share between threads.
public final class ScopeTree {

    private final Scope root = new Scope("", null);
    private final Map<String, Scope> byPath = new HashMap<>();
    private final Scope[] scopeOfNode;

    /// Builds the tree for `count` nodes whose names `nameOf` gives. A `null` name leaves the node out of
    /// every scope (and of every count): used for nodes drawn inside others, such as constants.
    public ScopeTree(int count, IntFunction<String> nameOf) {
        byPath.put("", root);
        scopeOfNode = new Scope[count];
        for (int i = 0; i < count; i++) {
            var name = nameOf.apply(i);
            if (name == null) {
                continue;
            }
            var scope = scopeFor(scopePath(name));
            scope.addNode(i);
            scopeOfNode[i] = scope;
        }
    }

    /// The scope part of a node name: `encoder/layer.3/attention` for `/encoder/layer.3/attention/MatMul`,
    /// `""` when the name has no scope.
    public static String scopePath(String nodeName) {
        if (nodeName == null) {
            return "";
        }
        var trimmed = nodeName.startsWith("/") ? nodeName.substring(1) : nodeName;
        int slash = trimmed.lastIndexOf('/');
        return slash <= 0 ? "" : trimmed.substring(0, slash);
    }

    public Scope root() {
        return root;
    }

    /// The scope with the given path, or `null`.
    public Scope scope(String path) {
        return byPath.get(path);
    }

    /// The innermost scope of node `index`, `null` for a node left out.
    public Scope scopeOf(int index) {
        return scopeOfNode[index];
    }

    public Collection<Scope> scopes() {
        return byPath.values();
    }

    /// The groups (scopes worth collapsing) from the root down to node `index`'s innermost scope.
    public List<Scope> groupsAbove(int index) {
        var out = new ArrayList<Scope>(4);
        for (var s = scopeOfNode[index]; s != null; s = s.parent()) {
            if (s.isGroup()) {
                out.addFirst(s);
            }
        }
        return out;
    }

    private Scope scopeFor(String path) {
        var existing = byPath.get(path);
        if (existing != null) {
            return existing;
        }
        int slash = path.lastIndexOf('/');
        var parent = slash < 0 ? root : scopeFor(path.substring(0, slash));
        var created = parent.addChild(new Scope(path, parent));
        byPath.put(path, created);
        return created;
    }
}
