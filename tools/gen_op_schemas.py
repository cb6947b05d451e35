#!/usr/bin/python3
"""Writes Loupe's catalogue of ONNX operator schemas.

Reads every version of every operator schema in the domains ai.onnx (""), ai.onnx.ml and
ai.onnx.preview.training from the onnx package's registry (onnx.defs.get_all_schemas_with_history) and
writes the facts, without documentation prose, as a binary loupe.schema.SchemaCatalog message (defined in
graph-model/src/main/proto/op_schema.proto) to
graph-model/src/main/resources/dev/loupe/model/schema/op-schemas.pb. The resource is checked in; the build
never runs this script.

Re-running it, from the repository root:

    apt-get install -y protobuf-compiler        # protoc, used at generation time only
    /usr/bin/python3 tools/gen_op_schemas.py    # needs the onnx package (Debian's python3 has 1.12)

Options: --output PATH writes elsewhere; the PROTOC environment variable names another protoc. protoc must
suit the installed protobuf Python runtime (Debian 12: protoc 3.21 with python3-protobuf 3.21/4.21).

The output is deterministic: schemas are sorted by domain, name and since-version, attributes by name, and
messages are serialized with deterministic=True, so the same onnx version always gives the same bytes.
"""

import argparse
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import onnx
from onnx import defs

REPO = Path(__file__).resolve().parent.parent
PROTO_DIR = REPO / "graph-model" / "src" / "main" / "proto"
PROTO_FILE = "op_schema.proto"
DEFAULT_OUTPUT = REPO / "graph-model" / "src" / "main" / "resources" / "dev" / "loupe" / "model" / "schema" / "op-schemas.pb"

DOMAINS = ("", "ai.onnx.ml", "ai.onnx.preview.training")
INT_MAX = 2**31 - 1

# Categories by operator name for the default domain. Names not listed fall back to the prefix rules in
# category_of(), then to OTHER (and are reported, so that a newer onnx's operators get a considered home).
CATEGORY_NAMES = {
    "LAYER": """Conv ConvInteger ConvTranspose Gemm MatMul MatMulInteger QLinearConv QLinearMatMul
        RNN GRU LSTM""",
    "ACTIVATION": """Relu LeakyRelu PRelu ThresholdedRelu Elu Selu Celu Sigmoid HardSigmoid HardSwish
        Tanh Softmax LogSoftmax Hardmax Softplus Softsign Shrink Clip""",
    "NORMALIZATION": """BatchNormalization InstanceNormalization LayerNormalization LpNormalization LRN
        MeanVarianceNormalization Dropout""",
    "POOL": """AveragePool MaxPool LpPool GlobalAveragePool GlobalMaxPool GlobalLpPool MaxRoiPool
        MaxUnpool RoiAlign""",
    "TENSOR": """Reshape Transpose Concat Split Slice Squeeze Unsqueeze Flatten Gather GatherElements
        GatherND Scatter ScatterElements ScatterND Expand Tile Pad Shape Size DepthToSpace SpaceToDepth
        Identity Cast CastLike Compress Resize Upsample ReverseSequence Trilu OneHot NonZero Unique TopK
        GridSample""",
    "LOGIC": """And Or Xor Not Equal Greater GreaterOrEqual Less LessOrEqual IsInf IsNaN Where""",
    "MATH": """Abs Acos Acosh Add Asin Asinh Atan Atanh Ceil Cos Cosh CumSum Div Erf Exp Floor Log Max
        Min Mean Sum Mod Mul Neg Pow Reciprocal Round Sign Sin Sinh Sqrt Sub Tan BitShift Det Einsum
        DFT STFT""",
    "REDUCE": """ArgMax ArgMin""",
    "QUANTIZATION": """QuantizeLinear DequantizeLinear DynamicQuantizeLinear""",
    "CONTROL": """If Loop Scan""",
    "SEQUENCE": """ConcatFromSequence SplitToSequence Optional OptionalGetElement OptionalHasElement""",
    "DATA": """Constant ConstantOfShape EyeLike Range BlackmanWindow HammingWindow HannWindow
        MelWeightMatrix""",
    "RANDOM": """RandomNormal RandomNormalLike RandomUniform RandomUniformLike Multinomial Bernoulli""",
    "TRAINING": """NegativeLogLikelihoodLoss SoftmaxCrossEntropyLoss""",
    "OTHER": """NonMaxSuppression StringNormalizer TfIdfVectorizer""",
}
CATEGORY_BY_NAME = {name: category for category, names in CATEGORY_NAMES.items() for name in names.split()}
CATEGORY_BY_PREFIX = (("Reduce", "REDUCE"), ("Sequence", "SEQUENCE"), ("Random", "RANDOM"))
CATEGORY_BY_DOMAIN = {"ai.onnx.ml": "ML", "ai.onnx.preview.training": "TRAINING"}


def category_of(domain, name, unplaced):
    if domain in CATEGORY_BY_DOMAIN:
        return CATEGORY_BY_DOMAIN[domain]
    if name in CATEGORY_BY_NAME:
        return CATEGORY_BY_NAME[name]
    for prefix, category in CATEGORY_BY_PREFIX:
        if name.startswith(prefix):
            return category
    unplaced.add(name)
    return "OTHER"


def compile_proto(work_dir):
    """Runs protoc --python_out on op_schema.proto and imports the generated module."""
    protoc = os.environ.get("PROTOC") or shutil.which("protoc")
    if not protoc:
        sys.exit("protoc not found: apt-get install -y protobuf-compiler, or set PROTOC")
    subprocess.run([protoc, f"--proto_path={PROTO_DIR}", f"--python_out={work_dir}", PROTO_FILE], check=True)
    sys.path.insert(0, str(work_dir))
    return importlib.import_module("op_schema_pb2")


def min_arity(params, min_count, index):
    """The least number of values of params[index].

    The Python binding of onnx 1.12 does not expose a formal parameter's min_arity, but the registry's
    min count is computed from it: only the last parameter may be variadic, and the min count is the
    number of parameters before it plus its min_arity. Single and optional parameters keep the default, 1.
    """
    if params[index].option != defs.OpSchema.FormalParameterOption.Variadic:
        return 1
    arity = min_count - (len(params) - 1)
    if arity < 0:
        raise ValueError(f"min count {min_count} is below the {len(params) - 1} parameters before a variadic one")
    return arity


OPTION_NAMES = {
    defs.OpSchema.FormalParameterOption.Single: "SINGLE",
    defs.OpSchema.FormalParameterOption.Optional: "OPTIONAL",
    defs.OpSchema.FormalParameterOption.Variadic: "VARIADIC",
}


def fill_parameters(pb, target, params, min_count):
    for index, param in enumerate(params):
        out = target.add()
        out.name = param.name
        out.type_str = param.typeStr
        out.option = pb.ParameterDef.Option.Value(OPTION_NAMES[param.option])
        out.homogeneous = param.isHomogeneous
        out.min_arity = min_arity(params, min_count, index)


def function_body_bytes(schema):
    body = onnx.FunctionProto()
    body.CopyFrom(schema.function_body)
    body.ClearField("doc_string")
    for node in body.node:
        node.ClearField("doc_string")
        for attribute in node.attribute:
            attribute.ClearField("doc_string")
    return body.SerializeToString(deterministic=True)


def default_value_bytes(attribute):
    default = attribute.default_value
    if default.ByteSize() == 0:
        return b""
    default = onnx.AttributeProto.FromString(default.SerializeToString())
    default.ClearField("doc_string")
    return default.SerializeToString(deterministic=True)


def schema_def(pb, schema, unplaced):
    out = pb.SchemaDef()
    out.domain = schema.domain
    out.name = schema.name
    out.since_version = schema.since_version
    out.deprecated = schema.deprecated
    out.category = pb.SchemaDef.Category.Value(category_of(schema.domain, schema.name, unplaced))
    out.min_inputs = schema.min_input
    out.max_inputs = min(schema.max_input, INT_MAX)
    out.min_outputs = schema.min_output
    out.max_outputs = min(schema.max_output, INT_MAX)
    fill_parameters(pb, out.inputs, schema.inputs, schema.min_input)
    fill_parameters(pb, out.outputs, schema.outputs, schema.min_output)
    for constraint in schema.type_constraints:
        c = out.type_constraints.add()
        c.type_param = constraint.type_param_str
        c.allowed_types.extend(constraint.allowed_type_strs)
    for name in sorted(schema.attributes):
        attribute = schema.attributes[name]
        a = out.attributes.add()
        a.name = name
        a.type = int(attribute.type.value)
        a.required = attribute.required
        a.default_value = default_value_bytes(attribute)
    if schema.has_function:
        out.function_body = function_body_bytes(schema)
    out.context_dependent_function = schema.has_context_dependent_function
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as work_dir:
        pb = compile_proto(work_dir)
        schemas = [s for s in defs.get_all_schemas_with_history() if s.domain in DOMAINS]
        schemas.sort(key=lambda s: (s.domain, s.name, s.since_version))
        unplaced = set()
        catalog = pb.SchemaCatalog(onnx_version=onnx.__version__)
        catalog.schemas.extend(schema_def(pb, s, unplaced) for s in schemas)
        data = catalog.SerializeToString(deterministic=True)

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)

    counts = {d: sum(1 for s in schemas if s.domain == d) for d in DOMAINS}
    print(f"onnx {onnx.__version__}: wrote {len(schemas)} schemas, {len(data)} bytes, to {args.output}")
    for domain, count in counts.items():
        print(f"  {domain or 'ai.onnx'}: {count}")
    if unplaced:
        print("operators without a category (OTHER): " + " ".join(sorted(unplaced)), file=sys.stderr)


if __name__ == "__main__":
    main()
