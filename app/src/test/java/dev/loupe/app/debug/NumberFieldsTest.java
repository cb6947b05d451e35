package dev.loupe.app.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.FxThread;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NumberFieldsTest {

    @BeforeAll
    static void startFx() throws Exception {
        FxThread.start();
    }

    @Test
    void aCommittedEntrySetsThePropertyAndThePropertyShowsInTheField() throws Exception {
        var property = new SimpleDoubleProperty(1e-5);
        var field = FxThread.call(TextField::new);
        FxThread.run(() -> NumberFields.bind(field, property));
        assertThat(FxThread.call(() -> field.getText())).isEqualTo("1.0E-5");
        System.gc();
        FxThread.run(() -> {
            field.setText("0.25");
            field.commitValue();
        });
        assertThat(property.get()).isEqualTo(0.25);
        FxThread.run(() -> property.set(3));
        assertThat(FxThread.call(() -> field.getText())).isEqualTo("3.0");
    }
}
