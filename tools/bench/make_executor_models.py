#!/usr/bin/python3
"""Writes the whole-model benchmark models (random weights, fixed seed) as ONNX files.

    /usr/bin/python3 tools/bench/make_executor_models.py [OUT_DIR]     (default /tmp/loupe-bench)

- resnet18.onnx: torchvision's ResNet-18, input "input" float32 [1, 3, 224, 224], opset 17.
- bert4.onnx: a BERT-style encoder: token and position embeddings, 4 post-norm layers of 8-head
  self-attention and a GELU feed-forward (512 wide, 2048 inner), input "input_ids" int64 [1, 128], opset 17.
- mobilenet_v2.onnx: torchvision's MobileNetV2 with batch-norm statistics from four random batches, input
  "input" float32 [1, 3, 224, 224], opset 17.
- gpt4.onnx: a GPT-style decoder: token and position embeddings, 4 pre-norm layers of 8-head causal
  self-attention (the mask is a `Where` in the graph) and a tanh-GELU feed-forward (512 wide, 2048 inner),
  a final LayerNorm, input "input_ids" int64 [1, 128], opset 17.
- lstm2.onnx: a 2-layer LSTM, 256 inputs and 256 hidden, input "input" float32 [128, 1, 256] (sequence,
  batch, features), output the second layer's hidden states [128, 1, 256], opset 17.

Needs Debian's python3-torch, python3-torchvision and python3-onnx. The files are ~50 MB each, so they
are generated rather than committed.
"""
import math
import os
import sys

import torch
import torch.nn as nn
import torchvision


class EncoderLayer(nn.Module):
    def __init__(self, width, heads, inner):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)
        self.norm1 = nn.LayerNorm(width)
        self.up = nn.Linear(width, inner)
        self.down = nn.Linear(inner, width)
        self.norm2 = nn.LayerNorm(width)

    def forward(self, x):
        b, s, w = x.shape
        d = w // self.heads
        q, k, v = self.qkv(x).split(w, dim=-1)
        q = q.reshape(b, s, self.heads, d).transpose(1, 2)
        k = k.reshape(b, s, self.heads, d).transpose(1, 2)
        v = v.reshape(b, s, self.heads, d).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d)
        attention = torch.matmul(torch.softmax(scores, dim=-1), v)
        attention = attention.transpose(1, 2).reshape(b, s, w)
        x = self.norm1(x + self.proj(attention))
        return self.norm2(x + self.down(nn.functional.gelu(self.up(x))))


class Encoder(nn.Module):
    def __init__(self, vocab=8192, width=512, heads=8, inner=2048, layers=4, positions=512):
        super().__init__()
        self.tokens = nn.Embedding(vocab, width)
        self.positions = nn.Embedding(positions, width)
        self.norm = nn.LayerNorm(width)
        self.layers = nn.ModuleList(EncoderLayer(width, heads, inner) for _ in range(layers))

    def forward(self, input_ids):
        s = input_ids.shape[1]
        x = self.norm(self.tokens(input_ids) + self.positions.weight[:s])
        for layer in self.layers:
            x = layer(x)
        return x


class DecoderLayer(nn.Module):
    def __init__(self, width, heads, inner):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(width)
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)
        self.norm2 = nn.LayerNorm(width)
        self.up = nn.Linear(width, inner)
        self.down = nn.Linear(inner, width)

    def forward(self, x, causal):
        b, s, w = x.shape
        d = w // self.heads
        q, k, v = self.qkv(self.norm1(x)).split(w, dim=-1)
        q = q.reshape(b, s, self.heads, d).transpose(1, 2)
        k = k.reshape(b, s, self.heads, d).transpose(1, 2)
        v = v.reshape(b, s, self.heads, d).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d)
        scores = torch.where(causal, scores, torch.tensor(-1e9))
        attention = torch.matmul(torch.softmax(scores, dim=-1), v)
        x = x + self.proj(attention.transpose(1, 2).reshape(b, s, w))
        return x + self.down(nn.functional.gelu(self.up(self.norm2(x)), approximate="tanh"))


class Decoder(nn.Module):
    def __init__(self, vocab=8192, width=512, heads=8, inner=2048, layers=4, positions=512):
        super().__init__()
        self.tokens = nn.Embedding(vocab, width)
        self.positions = nn.Embedding(positions, width)
        self.layers = nn.ModuleList(DecoderLayer(width, heads, inner) for _ in range(layers))
        self.norm = nn.LayerNorm(width)

    def forward(self, input_ids):
        s = input_ids.shape[1]
        position = torch.arange(s)
        causal = position.unsqueeze(0) <= position.unsqueeze(1)
        x = self.tokens(input_ids) + self.positions.weight[:s]
        for layer in self.layers:
            x = layer(x, causal)
        return self.norm(x)


class Lstm(nn.Module):
    def __init__(self, features=256, hidden=256, layers=2):
        super().__init__()
        self.lstm = nn.LSTM(features, hidden, num_layers=layers)

    def forward(self, x):
        return self.lstm(x)[0]


def calibrated(model):
    """Sets the batch-norm statistics from a few random batches: with the initial ones (mean 0, variance 1)
    a randomly initialised MobileNet's activations shrink to ~1e-9 by the logits, too small to compare."""
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.reset_running_stats()
            m.momentum = None
    model.train()
    with torch.no_grad():
        for _ in range(4):
            model(torch.randn(8, 3, 224, 224))
    return model


def export(model, example, path, input_name, output_name):
    model.eval()
    with torch.no_grad():
        torch.onnx.export(model, example, path, input_names=[input_name], output_names=[output_name],
                          opset_version=17, do_constant_folding=True)
    print(f"wrote {path} ({os.path.getsize(path) / 1e6:.1f} MB)")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/loupe-bench"
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    export(torchvision.models.resnet18(weights=None), torch.randn(1, 3, 224, 224),
           os.path.join(out, "resnet18.onnx"), "input", "logits")
    export(Encoder(), torch.randint(0, 8192, (1, 128)), os.path.join(out, "bert4.onnx"), "input_ids", "hidden")
    export(calibrated(torchvision.models.mobilenet_v2(weights=None)), torch.randn(1, 3, 224, 224),
           os.path.join(out, "mobilenet_v2.onnx"), "input", "logits")
    export(Decoder(), torch.randint(0, 8192, (1, 128)), os.path.join(out, "gpt4.onnx"), "input_ids", "hidden")
    export(Lstm(), torch.randn(128, 1, 256), os.path.join(out, "lstm2.onnx"), "input", "hidden")


if __name__ == "__main__":
    main()
