package dev.loupe.model.edit;

/// An edit was refused; the message says why in one line, and the model is unchanged.
public class EditException extends Exception {

    public EditException(String message) {
        super(message);
    }
}
