package dev.loupe.model.check;

import dev.loupe.model.Function;
import dev.loupe.model.Graph;
import dev.loupe.model.Node;

/// Builds the location strings of [Problem]s: segments joined by ` / `, from the outermost graph or
/// function down to a node, a value or an attribute.
public final class Locations {

    private Locations() {
    }

    /// `graph 'main'`, or `graph (unnamed)` for a graph without a name.
    public static String graph(Graph graph) {
        var name = graph.name();
        return name == null || name.isEmpty() ? "graph (unnamed)" : "graph '" + name + "'";
    }

    /// `function 'com.example.Gelu'`.
    public static String function(Function function) {
        var domain = function.domain();
        return "function '" + (domain == null || domain.isEmpty() ? "" : domain + ".") + function.name() + "'";
    }

    /// `parent / node 'conv1' (Conv)`, or `parent / node #12 (Conv)` for a node without a name, where 12 is
    /// its position in its graph's node list.
    public static String node(String parent, Node node, int index) {
        var name = node.name();
        var domain = node.canonicalDomain();
        var op = (domain.isEmpty() ? "" : domain + ".") + node.opType();
        return parent + " / node " + (name == null || name.isEmpty() ? "#" + index : "'" + name + "'") + " (" + op + ")";
    }

    /// `parent / value 'x'`.
    public static String value(String parent, String valueName) {
        return parent + " / value '" + valueName + "'";
    }

    /// `nodeLocation / attribute 'pads'`, also the prefix of a subgraph held by that attribute.
    public static String attribute(String nodeLocation, String attributeName) {
        return nodeLocation + " / attribute '" + attributeName + "'";
    }
}
