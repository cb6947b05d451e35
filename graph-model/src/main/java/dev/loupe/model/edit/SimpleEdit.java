package dev.loupe.model.edit;

/// An edit given by its description and two actions.
record SimpleEdit(String description, Runnable forward, Runnable backward) implements Edit {

    @Override
    public void execute() {
        forward.run();
    }

    @Override
    public void undo() {
        backward.run();
    }
}
