package dev.loupe.app.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.TestModels;
import dev.loupe.app.diagram.DiagramBuilder;
import dev.loupe.app.diagram.GroupingState;
import dev.loupe.app.diagram.OpCatalog;
import org.junit.jupiter.api.Test;

/// The properties and model panels' view models, without a window.
class PanelViewModelTest {

    @Test
    void describesAnOperatorWithItsResolvedVersionAttributesAndWeights() throws Exception {
        try (var model = TestModels.read("pytorch-converted/test_ConvTranspose2d")) {
            var catalog = OpCatalog.forModel(model);
            var builder = new DiagramBuilder(model.graph(), catalog);
            var d = builder.build(GroupingState.initial(builder.scopes()));
            var conv = d.nodes().stream().filter(n -> n.title().equals("ConvTranspose")).findFirst().orElseThrow();
            var vm = new PropertiesViewModel();
            vm.show(conv, catalog);
            assertThat(vm.titleProperty().get()).isEqualTo("ConvTranspose");
            assertThat(vm.categoryProperty().get()).isEqualTo("layer");
            assertThat(vm.docUrlProperty().get()).isEqualTo("https://onnx.ai/onnx/operators/onnx__ConvTranspose.html");
            assertThat(vm.rows()).anyMatch(r -> r.name().equals("since version") && r.value().matches("\\d+ \\(model opset \\d+\\)"));
            assertThat(vm.rows()).anyMatch(r -> r.name().equals("strides (ints)") && r.value().equals("3, 2"));
            assertThat(vm.rows()).anyMatch(r -> r.section().equals("Inputs") && r.name().equals("W") && r.tensor() != null);
            vm.show(null, catalog);
            assertThat(vm.rows()).isEmpty();
        }
    }

    @Test
    void summarisesTheModel() throws Exception {
        try (var model = TestModels.read("pytorch-converted/test_ConvTranspose2d")) {
            var vm = new ModelInfoViewModel();
            vm.show(model);
            assertThat(vm.rows()).anyMatch(r -> r.name().equals("IR version"));
            assertThat(vm.rows()).anyMatch(r -> r.name().equals("opset ai.onnx"));
            assertThat(vm.rows()).anyMatch(r -> r.section().equals("Operators") && r.name().equals("ConvTranspose") && r.value().equals("1"));
            assertThat(vm.rows()).anyMatch(r -> r.name().equals("parameters") && !r.value().equals("0"));
        }
        assertThat(ModelInfoViewModel.bytes(2048)).startsWith("2.0 KiB");
    }
}
