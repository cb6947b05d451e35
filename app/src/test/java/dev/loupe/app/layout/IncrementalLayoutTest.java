package dev.loupe.app.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.bench.SyntheticModels;
import dev.loupe.app.diagram.DiagramBuilder;
import dev.loupe.app.diagram.GroupingState;
import dev.loupe.app.diagram.OpCatalog;
import org.junit.jupiter.api.Test;

class IncrementalLayoutTest {

    private final ElkLayoutEngine engine = new ElkLayoutEngine();

    @Test
    void openingAGroupKeepsTheBoxesAboveInPlaceAndClosingRestoresTheCount() throws Exception {
        var model = SyntheticModels.blocks(40);
        var builder = new DiagramBuilder(model.graph(), OpCatalog.forModel(model));
        var collapsed = GroupingState.collapsedAll(builder.scopes());
        var before = LayoutThread.call(() -> engine.layout(builder.build(collapsed), () -> false));
        var scope = builder.scopes().scope("blocks.20");
        var opened = collapsed.expand(scope);
        var after = IncrementalLayout.expand(before, builder.build(opened), "g:blocks.20", engine, () -> false);

        assertThat(after.nodeCount()).isEqualTo(before.nodeCount() + SyntheticModels.NODES_PER_BLOCK - 1);
        int above = before.diagram().indexOf("g:blocks.3");
        int aboveAfter = after.diagram().indexOf("g:blocks.3");
        assertThat(after.x(aboveAfter)).isEqualTo(before.x(above));
        assertThat(after.y(aboveAfter)).isEqualTo(before.y(above));
        assertNoOverlaps(after);

        var closed = IncrementalLayout.collapse(after, builder.build(opened.collapse(scope)), "g:blocks.20");
        assertThat(closed).isNotNull();
        assertThat(closed.nodeCount()).isEqualTo(before.nodeCount());
        assertNoOverlaps(closed);
    }

    static void assertNoOverlaps(GraphLayout l) {
        for (int i = 0; i < l.nodeCount(); i++) {
            for (int j = i + 1; j < l.nodeCount(); j++) {
                boolean overlap = l.x(i) < l.x(j) + l.width(j) && l.x(j) < l.x(i) + l.width(i)
                        && l.y(i) < l.y(j) + l.height(j) && l.y(j) < l.y(i) + l.height(i);
                assertThat(overlap).as("boxes %s and %s overlap", l.diagram().node(i).key(), l.diagram().node(j).key()).isFalse();
            }
        }
    }
}
