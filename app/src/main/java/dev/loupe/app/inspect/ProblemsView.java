package dev.loupe.app.inspect;

import dev.loupe.app.canvas.GraphView;
import dev.loupe.app.main.MainViewModel;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;

/// The Problems tab and the problem badges on the diagram: the list follows [ProblemsViewModel]; clicking a
/// problem (or Enter) shows its node; the canvas badges the boxes of nodes with problems whenever the main
/// graph is shown.
public final class ProblemsView {

    private ProblemsView() {
    }

    /// Adds the tab to `tabs` and keeps `canvas`'s badges in step with the problems and the diagram shown.
    public static void install(MainViewModel vm, GraphView canvas, TabPane tabs) {
        var problems = vm.problems();
        var list = new ListView<>(problems.rows());
        list.setId("problems-list");
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ProblemsViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.toString());
                getStyleClass().removeAll("problem-error", "problem-warning");
                if (!empty && row != null) {
                    getStyleClass().add(row.problem().isError() ? "problem-error" : "problem-warning");
                }
            }
        });
        list.setOnMouseClicked(e -> reveal(vm, list.getSelectionModel().getSelectedItem()));
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                reveal(vm, list.getSelectionModel().getSelectedItem());
            }
        });
        var tab = new Tab("Problems", list);
        tab.setId("problems-tab");
        tab.setClosable(false);
        problems.summaryProperty().addListener((o, old, text) -> tab.setText(text.isEmpty() || text.equals("No problems")
                ? "Problems" : "Problems (" + problems.rows().size() + ")"));
        tabs.getTabs().add(tab);
        Runnable badges = () -> {
            var level = vm.diagram().getLevel();
            var doc = vm.getDocument();
            boolean main = level != null && doc != null && level.graph() == doc.model().graph();
            canvas.setProblems(main ? problems.boxesOf(level.diagram()) : null);
        };
        problems.rows().addListener((ListChangeListener<ProblemsViewModel.Row>) c -> badges.run());
        vm.diagram().levelProperty().addListener((o, old, level) -> badges.run());
    }

    private static void reveal(MainViewModel vm, ProblemsViewModel.Row row) {
        if (row == null || row.nodeIndex() < 0) {
            return;
        }
        if (vm.diagram().levels().size() > 1) {
            vm.diagram().goTo(0);
        }
        vm.diagram().reveal(row.nodeIndex());
    }
}
