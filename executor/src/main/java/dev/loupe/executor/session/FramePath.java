package dev.loupe.executor.session;

import dev.loupe.model.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/// Where in a run a node executes: the chain of calls from the main graph into subgraphs (`If` branches,
/// `Loop` and `Scan` bodies) and function bodies. The main graph's path is [#ROOT] (depth 0); each entry
/// adds one level.
///
/// Entries compare by the caller node's identity, the body's name and the call number, so the same body
/// run in two iterations of a loop has two different paths.
public record FramePath(List<Entry> entries) {

    /// One call into a body.
    ///
    /// @param caller the node whose kernel ran the body (`Loop`, `If`, a function call...)
    /// @param body   the name of the graph that ran (the subgraph's or the function's name)
    /// @param call   how many times `caller` had already run a body in its enclosing frame (0 for the first:
    ///               the iteration number for `Loop` and `Scan`)
    public record Entry(Node caller, String body, int call) {
        @Override
        public String toString() {
            return caller.displayName() + "[" + call + "]/" + body;
        }
    }

    /// The main graph.
    public static final FramePath ROOT = new FramePath(List.of());

    public FramePath {
        entries = List.copyOf(entries);
    }

    /// How deeply nested this frame is: 0 for the main graph.
    public int depth() {
        return entries.size();
    }

    public boolean isRoot() {
        return entries.isEmpty();
    }

    /// The path one level deeper.
    public FramePath child(Node caller, String body, int call) {
        var list = new ArrayList<>(entries);
        list.add(new Entry(caller, body == null ? "body" : body, call));
        return new FramePath(list);
    }

    /// The enclosing frame's path; the root is its own parent.
    public FramePath parent() {
        return entries.isEmpty() ? this : new FramePath(entries.subList(0, entries.size() - 1));
    }

    /// `main` for the root, else for example `loop_1[2]/body > if_3[0]/then`.
    @Override
    public String toString() {
        return entries.isEmpty() ? "main" : entries.stream().map(Entry::toString).collect(Collectors.joining(" > "));
    }
}
