package dev.loupe.app.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingStateTest {

    private static ScopeTree tree(List<String> names) {
        return new ScopeTree(names.size(), names::get);
    }

    @Test
    void scopesComeFromSlashSeparatedNames() {
        assertThat(ScopeTree.scopePath("/encoder/layer.3/attention/MatMul")).isEqualTo("encoder/layer.3/attention");
        assertThat(ScopeTree.scopePath("conv1")).isEmpty();
        assertThat(ScopeTree.scopePath(null)).isEmpty();
        var t = tree(List.of("/a/b/x", "/a/b/y", "/a/z", "w"));
        assertThat(t.scope("a").size()).isEqualTo(3);
        assertThat(t.scope("a/b").isGroup()).isTrue();
        assertThat(t.root().size()).isEqualTo(4);
        assertThat(t.groupsAbove(0)).extracting(Scope::path).containsExactly("a", "a/b");
    }

    @Test
    void smallGraphsOpenExpandedAndLargeOnesCollapsedWithinTheBudget() {
        var small = tree(List.of("/a/x", "/a/y"));
        assertThat(GroupingState.initial(small).collapsed()).isEmpty();

        var names = new java.util.ArrayList<String>();
        for (int b = 0; b < 500; b++) {
            for (int i = 0; i < 8; i++) {
                names.add("/model/block." + b + "/op" + i);
            }
        }
        var big = tree(names);
        var state = GroupingState.initial(big);
        assertThat(state.isCollapsed(big.scope("model"))).isFalse();
        assertThat(state.isCollapsed(big.scope("model/block.7"))).isTrue();
        assertThat(state.representative(7 * 8 + 3)).isSameAs(big.scope("model/block.7"));
    }

    @Test
    void expandCollapseAndRevealReturnNewStates() {
        var t = tree(List.of("/a/b/x", "/a/b/y", "/a/z", "/c/u", "/c/v"));
        var all = GroupingState.collapsedAll(t);
        assertThat(all.collapsed()).extracting(Scope::path).containsExactlyInAnyOrder("a", "c");
        var opened = all.expand(t.scope("a"));
        assertThat(opened.representative(0)).isNull();
        assertThat(all.representative(0)).isSameAs(t.scope("a"));
        var closed = opened.collapse(t.scope("a/b"));
        assertThat(closed.representative(0)).isSameAs(t.scope("a/b"));
        assertThat(closed.reveal(0).representative(0)).isNull();
        assertThat(closed.reveal(0).isCollapsed(t.scope("c"))).isTrue();
    }

    @Test
    void expandedCallsAreKeptWhileGroupsOpenAndClose() {
        var t = tree(List.of("/a/x", "/a/call", "/c/u", "/c/v"));
        var state = GroupingState.expandedAll(t).expandCall(1);
        assertThat(state.isCallExpanded(1)).isTrue();
        assertThat(state.isCallExpanded(0)).isFalse();
        var hidden = state.collapse(t.scope("a"));
        assertThat(hidden.representative(1)).isSameAs(t.scope("a"));
        assertThat(hidden.isCallExpanded(1)).isTrue();
        assertThat(hidden.expand(t.scope("a")).isCallExpanded(1)).isTrue();
        assertThat(hidden.reveal(1).expandedCalls()).containsExactly(1);
        var closed = state.collapseCall(1);
        assertThat(closed.isCallExpanded(1)).isFalse();
        assertThat(state.isCallExpanded(1)).as("states are immutable").isTrue();
    }
}
