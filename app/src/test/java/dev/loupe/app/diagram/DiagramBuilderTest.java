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
    void valueTextNamesSymbolicDimensions() {
        assertThat(ValueText.number(0.5)).isEqualTo("0.5");
        assertThat(ValueText.number(1e-5)).isEqualTo("1e-05");
        assertThat(ValueText.number(3)).isEqualTo("3");
    }
}
