/// The ONNX model layer: reading and writing `.onnx` files, the neutral in-memory model, operator schemas,
/// checks and shape inference. Never depends on JavaFX; protobuf types never leave `dev.loupe.model.io`.
module dev.loupe.model {
    requires com.google.protobuf;
    requires org.jgrapht.core;

    exports dev.loupe.model;
    exports dev.loupe.model.io;
    exports dev.loupe.model.schema;
    exports dev.loupe.model.check;
    exports dev.loupe.model.infer;
    exports dev.loupe.model.edit;
    exports dev.loupe.model.transform;
}
