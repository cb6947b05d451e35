/// The JavaFX application and the `loupe` command line.
module dev.loupe.app {
    requires dev.loupe.model;
    requires dev.loupe.executor;
    requires dev.loupe.gpu;
    requires dev.loupe.plugins;
    requires info.picocli;
    requires javafx.controls;
    requires javafx.fxml;
    requires java.desktop;
    requires java.prefs;
    requires org.eclipse.elk.core;
    requires org.eclipse.elk.graph;
    requires org.eclipse.elk.alg.layered;
    requires org.eclipse.emf.common;

    opens dev.loupe.app.cli to info.picocli;
    exports dev.loupe.app;
    exports dev.loupe.app.render;
    exports dev.loupe.app.bench;
    opens dev.loupe.app.main to javafx.fxml;
    opens dev.loupe.app.inspect to javafx.fxml;
    opens dev.loupe.app.debug to javafx.fxml;
    opens dev.loupe.app.compare to javafx.fxml;
}
