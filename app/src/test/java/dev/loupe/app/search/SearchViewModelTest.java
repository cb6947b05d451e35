package dev.loupe.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.bench.SyntheticModels;
import dev.loupe.app.diagram.DiagramBuilder;
import dev.loupe.app.diagram.OpCatalog;
import org.junit.jupiter.api.Test;

class SearchViewModelTest {

    private final SearchViewModel vm = new SearchViewModel();

    SearchViewModelTest() {
        var model = SyntheticModels.blocks(20);
        vm.setGraph(new DiagramBuilder(model.graph(), OpCatalog.forModel(model)));
    }

    @Test
    void findsByNodeNameOpTypeTensorAndAttributeIgnoringCase() {
        vm.queryProperty().set("BLOCKS.12/act");
        // The Relu by its name, and its consumer by the name of the tensor it reads.
        assertThat(vm.results()).extracting(r -> r.node().name()).containsExactly("/blocks.12/act/Relu", "/blocks.12/fc2/MatMul");

        vm.queryProperty().set("reducemean");
        assertThat(vm.results()).filteredOn(r -> r.node().opType().equals("ReduceMean")).hasSize(20);

        vm.queryProperty().set("blocks.3.fc2.weight");
        assertThat(vm.results()).extracting(r -> r.node().opType()).containsExactly("MatMul");
        assertThat(vm.results().getFirst().match()).isEqualTo("blocks.3.fc2.weight");

        vm.queryProperty().set("keepdims = 1");
        assertThat(vm.results()).hasSize(20).allMatch(r -> r.node().opType().equals("ReduceMean"));
    }

    @Test
    void anEmptyQueryOrNoGraphFindsNothing() {
        vm.queryProperty().set("  ");
        assertThat(vm.results()).isEmpty();
        vm.queryProperty().set("Relu");
        vm.setGraph(null);
        assertThat(vm.results()).isEmpty();
    }
}
