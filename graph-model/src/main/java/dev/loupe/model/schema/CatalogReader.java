package dev.loupe.model.schema;

import dev.loupe.model.Attribute;
import dev.loupe.model.AttributeType;
import dev.loupe.model.io.ModelIOException;
import dev.loupe.model.io.ProtoCodec;
import dev.loupe.model.schema.proto.OpSchemaProtos.AttributeDef;
import dev.loupe.model.schema.proto.OpSchemaProtos.ParameterDef;
import dev.loupe.model.schema.proto.OpSchemaProtos.SchemaCatalog;
import dev.loupe.model.schema.proto.OpSchemaProtos.SchemaDef;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/// Turns the bundled catalogue (a `SchemaCatalog` message, see `op_schema.proto`) into [OpSchema]s. The
/// only class that touches the catalogue's protobuf classes.
final class CatalogReader {

    private CatalogReader() {
    }

    /// Reads a catalogue resource that lies beside this class.
    ///
    /// @throws IllegalStateException if it is missing or cannot be parsed
    static OpSchemas readResource(String name) {
        try (InputStream in = CatalogReader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("operator schema catalogue " + name + " is missing");
            }
            return read(SchemaCatalog.parseFrom(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read operator schema catalogue " + name, e);
        }
    }

    private static OpSchemas read(SchemaCatalog catalog) {
        return new OpSchemas(catalog.getOnnxVersion(),
                catalog.getSchemasList().stream().map(CatalogReader::schema).toList());
    }

    private static OpSchema schema(SchemaDef def) {
        return new OpSchema(def.getDomain(), def.getName(), def.getSinceVersion(), def.getDeprecated(),
                Category.valueOf(def.getCategory().name()),
                new Arity(def.getMinInputs(), def.getMaxInputs()),
                new Arity(def.getMinOutputs(), def.getMaxOutputs()),
                parameters(def.getInputsList()), parameters(def.getOutputsList()),
                def.getTypeConstraintsList().stream()
                        .map(c -> new TypeConstraint(c.getTypeParam(), c.getAllowedTypesList()))
                        .toList(),
                def.getAttributesList().stream().map(a -> attribute(def, a)).toList(),
                functionBody(def));
    }

    private static List<FormalParameter> parameters(List<ParameterDef> defs) {
        return defs.stream()
                .map(p -> new FormalParameter(p.getName(), p.getTypeStr(),
                        FormalParameter.Option.valueOf(p.getOption().name()), p.getHomogeneous(),
                        p.getMinArity()))
                .toList();
    }

    private static AttributeSpec attribute(SchemaDef schema, AttributeDef def) {
        return new AttributeSpec(def.getName(), AttributeType.fromCode(def.getType()), def.getRequired(),
                def.getDefaultValue().isEmpty() ? null : defaultValue(schema, def));
    }

    private static Attribute defaultValue(SchemaDef schema, AttributeDef def) {
        try {
            return ProtoCodec.attributeFromBytes(def.getDefaultValue().toByteArray());
        } catch (ModelIOException e) {
            throw new IllegalStateException("invalid default of attribute " + def.getName() + " of "
                    + schema.getName() + "-" + schema.getSinceVersion() + " in the schema catalogue: "
                    + e.getMessage(), e);
        }
    }

    private static FunctionBody functionBody(SchemaDef def) {
        if (!def.getFunctionBody().isEmpty()) {
            return new FunctionBody.Stored(def.getFunctionBody().toByteArray());
        }
        return def.getContextDependentFunction() ? new FunctionBody.ContextDependent() : new FunctionBody.None();
    }
}
