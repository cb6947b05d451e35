package dev.loupe.app.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.bench.SyntheticModels;
import dev.loupe.app.diagram.DiagramBuilder;
import dev.loupe.app.diagram.DiagramMetrics;
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

    @Test
    void anExpandedCallTakesTheCallsPlaceInsideItsFrameAndCollapsesBack() throws Exception {
        var model = dev.loupe.app.TestModels.withLocalFunction();
        var builder = new DiagramBuilder(model.graph(), OpCatalog.forModel(model));
        var closed = GroupingState.initial(builder.scopes());
        var before = LayoutThread.call(() -> engine.layout(builder.build(closed), () -> false));
        var open = closed.expandCall(1);
        var after = IncrementalLayout.expandCall(before, builder.build(open), "n:1", engine, () -> false);

        int call = before.diagram().indexOf("n:1");
        int relu = before.diagram().indexOf("n:0");
        assertThat(after.x(after.diagram().indexOf("n:0"))).isEqualTo(before.x(relu));
        assertThat(after.y(after.diagram().indexOf("n:0"))).isEqualTo(before.y(relu));
        var frame = after.diagram().frameOfCall(1);
        double roomAbove = DiagramMetrics.FRAME_TITLE_HEIGHT + DiagramMetrics.FRAME_PADDING;
        for (int i = frame.firstBox(); i < frame.firstBox() + frame.boxCount(); i++) {
            assertThat(after.y(i)).isGreaterThanOrEqualTo(before.y(call) + roomAbove - 1e-9);
        }
        int output = after.diagram().indexOf("o:y");
        int lastBody = frame.firstBox() + frame.boxCount() - 1;
        assertThat(after.y(output)).isGreaterThanOrEqualTo(after.y(lastBody) + after.height(lastBody) + DiagramMetrics.FRAME_PADDING);
        assertNoOverlaps(after);

        var back = IncrementalLayout.collapseCall(after, builder.build(open.collapseCall(1)), "n:1");
        assertThat(back).isNotNull();
        assertThat(back.nodeCount()).isEqualTo(before.nodeCount());
        assertThat(back.y(back.diagram().indexOf("n:1"))).isCloseTo(before.y(call), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(back.y(back.diagram().indexOf("o:y"))).isCloseTo(before.y(before.diagram().indexOf("o:y")), org.assertj.core.data.Offset.offset(1e-6));
        assertNoOverlaps(back);
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
