package dev.loupe.model.edit;

import java.util.List;

/// Several edits applied as one: executed in order and undone in reverse order.
public record CompositeEdit(String description, List<Edit> parts) implements Edit {

    public CompositeEdit {
        parts = List.copyOf(parts);
    }

    @Override
    public void execute() {
        parts.forEach(Edit::execute);
    }

    @Override
    public void undo() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            parts.get(i).undo();
        }
    }
}
