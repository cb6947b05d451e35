package dev.loupe.app.main;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/// The File menu's gestures: open (chooser, recent files, drag and drop), save as, export, and the question
/// asked before unsaved edits would be lost. The [MainViewModel] does the work.
final class DocumentCommands {

    private final MainViewModel vm;
    private final Stage stage;
    private final Supplier<ObservableList<String>> stylesheets;

    DocumentCommands(MainViewModel vm, Stage stage, Supplier<ObservableList<String>> stylesheets) {
        this.vm = vm;
        this.stage = stage;
        this.stylesheets = stylesheets;
    }

    /// Asks what to do with unsaved edits before they would be lost: true when the caller may go on (saved,
    /// discarded, or nothing to lose), false when the user cancelled or saving failed.
    boolean confirmDiscard() {
        if (vm.getDocument() == null || !vm.history().isDirty()) {
            return true;
        }
        var save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        var discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        var alert = new Alert(Alert.AlertType.CONFIRMATION, "Your edits are lost if you don't save them.",
                save, discard, ButtonType.CANCEL);
        alert.initOwner(stage);
        alert.setTitle("Loupe");
        alert.setHeaderText("Save the changes to " + vm.getDocument().fileName() + "?");
        alert.getDialogPane().setId("unsaved-dialog");
        alert.getDialogPane().getStylesheets().setAll(stylesheets.get());
        var answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == save) {
            return vm.save();
        }
        return answer == discard;
    }

    /// File › Open: a chooser starting in the folder of the most recent file.
    void open() {
        if (!confirmDiscard()) {
            return;
        }
        var chooser = new FileChooser();
        chooser.setTitle("Open ONNX Model");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("ONNX models", "*.onnx"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (!vm.recentFiles().isEmpty() && vm.recentFiles().getFirst().getParent() != null) {
            var dir = vm.recentFiles().getFirst().getParent().toFile();
            if (dir.isDirectory()) {
                chooser.setInitialDirectory(dir);
            }
        }
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            vm.open(f.toPath());
        }
    }

    /// File › Save As: a chooser in the model's folder.
    void saveAs() {
        var doc = vm.getDocument();
        if (doc == null) {
            return;
        }
        var chooser = new FileChooser();
        chooser.setTitle("Save ONNX Model As");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX models", "*.onnx"));
        chooser.setInitialFileName(doc.fileName());
        if (doc.path() != null && doc.path().toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(doc.path().toAbsolutePath().getParent().toFile());
        }
        File f = chooser.showSaveDialog(stage);
        if (f != null) {
            vm.saveAs(f.toPath());
        }
    }

    /// File › Export PNG / SVG of the diagram shown.
    void export(boolean png) {
        var chooser = new FileChooser();
        chooser.setTitle(png ? "Export PNG" : "Export SVG");
        var ext = png ? "png" : "svg";
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase() + " image", "*." + ext));
        var doc = vm.getDocument();
        if (doc != null) {
            chooser.setInitialFileName(doc.fileName().replaceFirst("\\.onnx$", "") + "." + ext);
        }
        File f = chooser.showSaveDialog(stage);
        if (f != null) {
            vm.export(f.toPath(), png);
        }
    }

    /// Keeps `menu` listing the recent files, each opening its file (after the unsaved-edits question).
    void installRecentMenu(Menu menu) {
        Runnable rebuild = () -> {
            menu.getItems().clear();
            for (var p : vm.recentFiles()) {
                var item = new MenuItem(p.getFileName() + "  —  " + p.getParent());
                item.setMnemonicParsing(false);
                item.setOnAction(e -> {
                    if (confirmDiscard()) {
                        vm.open(p);
                    }
                });
                menu.getItems().add(item);
            }
            menu.setDisable(vm.recentFiles().isEmpty());
        };
        vm.recentFiles().addListener((ListChangeListener<Path>) c -> rebuild.run());
        rebuild.run();
    }

    /// Opens a single file dropped on `target`.
    void installDragAndDrop(Region target) {
        target.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().size() == 1) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        target.setOnDragDropped(e -> {
            var files = e.getDragboard().getFiles();
            boolean ok = files != null && files.size() == 1;
            if (ok && confirmDiscard()) {
                vm.open(files.getFirst().toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }
}
