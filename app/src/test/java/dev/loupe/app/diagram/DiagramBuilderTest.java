package dev.loupe.app.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.TestModels;
import dev.loupe.app.bench.SyntheticModels;
import org.junit.jupiter.api.Test;

class DiagramBuilderTest {

    @Test
    void foldsInitializersIntoTheNodesThatReadThem() throws Exception {
        var model = SyntheticModels.blocks(1);
        var builder = new DiagramBuilder(model.graph(), OpCatalog.forModel(model));
        var d = builder.build(GroupingState.initial(builder.scopes()));
        assertThat(d.nodes()).hasSize(1 + SyntheticModels.NODES_PER_BLOCK + 1);
        var matmul = d.node(d.indexOf("n:0"));
        assertThat(matmul.title()).isEqualTo("MatMul");
        assertThat(matmul.lines()).anyMatch(l -> l.endsWith("8×16"));
        assertThat(matmul.styleClass()).isEqualTo("layer");
        assertThat(d.node(0).kind()).isEqualTo(DiagramNode.Kind.INPUT);
        assertThat(d.nodes().getLast().kind()).isEqualTo(DiagramNode.Kind.OUTPUT);
        assertThat(d.edges()).allMatch(e -> e.label().startsWith("float batch×"));
    }

    @Test
    void collapsedGroupsStandForTheirNodesAndAggregateEdges() {
        var model = SyntheticModels.blocks(3);
        var builder = new DiagramBuilder(model.graph(), OpCatalog.forModel(model));
        var d = builder.build(GroupingState.collapsedAll(builder.scopes()));
        assertThat(d.nodes()).extracting(DiagramNode::title).containsExactly("input", "blocks.0", "blocks.1", "blocks.2",
                d.nodes().getLast().title());
        var group = d.node(d.indexOf("g:blocks.1"));
        assertThat(group.lines()).containsExactly("9 nodes");
        assertThat(d.edges()).hasSize(4);
        assertThat(d.itemOfNode(12)).isEqualTo(d.indexOf("g:blocks.1"));
    }

    @Test
    void constantsAreShownInsideTheirConsumersWithTheirValues() throws Exception {
        try (var model = TestModels.read("node/test_loop11")) {
            var body = model.graph().nodes().stream().filter(n -> n.opType().equals("Loop")).findFirst().orElseThrow()
                    .subgraphs().getFirst();
            var builder = new DiagramBuilder(body, OpCatalog.forModel(model));
            var d = builder.build(GroupingState.initial(builder.scopes()));
            assertThat(body.nodes()).anyMatch(n -> n.opType().equals("Constant"));
            assertThat(d.nodes()).noneMatch(n -> n.title().equals("Constant"));
            assertThat(d.nodes()).filteredOn(n -> n.kind() == DiagramNode.Kind.OPERATOR).anyMatch(n -> !n.lines().isEmpty());
        }
    }

    @Test
    void anExpandedCallShowsItsBodyWiredToTheCallersValuesAndCollapsesBack() {
        var model = TestModels.withLocalFunction();
        var builder = new DiagramBuilder(model.graph(), OpCatalog.forModel(model));
        var closed = GroupingState.initial(builder.scopes());
        var before = builder.build(closed);
        assertThat(keys(before)).containsExactly("i:x", "n:0", "n:1", "o:y");
        assertThat(before.node(before.indexOf("n:1")).styleClass()).isEqualTo(OpCatalog.FUNCTION_CLASS);
        assertThat(before.frames()).isEmpty();

        var open = closed.expandCall(1);
        var d = builder.build(open);
        assertThat(keys(d)).containsExactly("i:x", "n:0", "c:1/0", "c:1/1", "o:y");
        assertThat(d.itemOfNode(1)).isEqualTo(-1);
        assertThat(edges(d)).containsExactlyInAnyOrder(
                "i:x -> n:0 (x)", "n:0 -> c:1/0 (r)", "n:0 -> c:1/1 (r)", "c:1/0 -> c:1/1 (S)", "c:1/1 -> o:y (y)");
        var call = model.graph().nodes().get(1);
        var sigmoid = d.node(d.indexOf("c:1/0"));
        assertThat(sigmoid.title()).isEqualTo("Sigmoid");
        assertThat(sigmoid.inCall()).isTrue();
        assertThat(sigmoid.caller()).isSameAs(call);
        assertThat(sigmoid.nodeIndex()).isEqualTo(-1);
        assertThat(sigmoid.node().graph()).isSameAs(model.functions().getFirst().body());
        assertThat(d.node(d.indexOf("n:0")).inCall()).isFalse();
        var frame = d.frameOfCall(1);
        assertThat(frame.title()).isEqualTo("Swish");
        assertThat(frame.callKey()).isEqualTo("n:1");
        assertThat(frame.call()).isSameAs(call);
        assertThat(frame.firstBox()).isEqualTo(d.indexOf("c:1/0"));
        assertThat(frame.boxCount()).isEqualTo(2);
        assertThat(d.frameOfBox(d.indexOf("c:1/1"))).isSameAs(frame);
        assertThat(d.frameOfBox(d.indexOf("n:0"))).isNull();

        var after = builder.build(open.collapseCall(1));
        assertThat(keys(after)).isEqualTo(keys(before));
        assertThat(edges(after)).isEqualTo(edges(before));
        assertThat(after.frames()).isEmpty();
        assertThat(after.itemOfNode(1)).isEqualTo(after.indexOf("n:1"));
    }

    @Test
    void expandingANodeThatCallsNoLocalFunctionChangesNothing() {
        var model = TestModels.withLocalFunction();
        var builder = new DiagramBuilder(model.graph(), OpCatalog.forModel(model));
        var closed = GroupingState.initial(builder.scopes());
        var d = builder.build(closed.expandCall(0));
        assertThat(keys(d)).isEqualTo(keys(builder.build(closed)));
        assertThat(d.frames()).isEmpty();
    }

    private static java.util.List<String> keys(Diagram d) {
        return d.nodes().stream().map(DiagramNode::key).toList();
    }

    private static java.util.List<String> edges(Diagram d) {
        return d.edges().stream()
                .map(e -> d.node(e.from()).key() + " -> " + d.node(e.to()).key() + " (" + e.value().name() + ")").toList();
    }

    @Test
    void valueTextNamesSymbolicDimensions() {
        assertThat(ValueText.number(0.5)).isEqualTo("0.5");
        assertThat(ValueText.number(1e-5)).isEqualTo("1e-05");
        assertThat(ValueText.number(3)).isEqualTo("3");
    }
}
