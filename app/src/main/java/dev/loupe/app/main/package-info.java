/// The main window: its view (FXML shell and controller), its view models, the open-model pipeline
/// (parse, check, infer shapes, lay out) as a cancellable background task, and recent files.
package dev.loupe.app.main;
