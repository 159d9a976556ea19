"""Writes the weights file the C++ core embeds (format: weights/FORMAT.md) and the golden logits its tests use."""
import struct
import zlib

import torch
import torch.nn as nn
import torch.nn.functional as F

MAGIC = b"HWDW"
VERSION = 1
CONV, MAXPOOL, DENSE = 1, 2, 3
GOLDEN_MAGIC = b"HWDG"


def quantize(weight, bits):
    """Symmetric per output channel, `bits` wide (at most 8), stored as int8: weight ~= scale[o] * q[o, ...].

    Fewer bits leave fewer distinct values in each int8, which gzip then packs into about that many bits.
    """
    levels = 2 ** (bits - 1) - 1
    flat = weight.reshape(weight.shape[0], -1)
    scale = flat.abs().amax(1).clamp(min=1e-12) / levels
    q = torch.round(flat / scale[:, None]).clamp(-levels, levels)
    return q.to(torch.int8).reshape(weight.shape), scale


def fake_quantized(weight, bits):
    """The weight as quantize() will store it, with gradients passing straight through the rounding.

    Per-channel scaling commutes with folding batch norm into a convolution (a per-channel factor), so the
    unfolded weight, rounded so, rounds to the same levels as the folded one the file holds.
    """
    q, scale = quantize(weight.detach(), bits)
    return weight + (q.float() * scale.view(-1, *[1] * (weight.dim() - 1)) - weight).detach()


@torch.no_grad()
def folded_layers(model):
    """The trained network as the core runs it: batch norm folded into each convolution."""
    model.eval()
    layers, modules = [], list(model.features) + list(model.classifier)
    for i, m in enumerate(modules):
        if isinstance(m, nn.Conv2d):
            bn = modules[i + 1]
            factor = bn.weight / torch.sqrt(bn.running_var + bn.eps)
            layers.append((CONV, m.weight * factor[:, None, None, None], bn.bias - bn.running_mean * factor))
        elif isinstance(m, nn.MaxPool2d):
            layers.append((MAXPOOL, None, None))
        elif isinstance(m, nn.Linear):
            layers.append((DENSE, m.weight, m.bias))
    return layers


class QuantizedNet(nn.Module):
    """Computes what the core computes from the written file, for golden logits and accuracy."""

    def __init__(self, layers):
        super().__init__()
        self.layers = layers  # (kind, dequantized weight in torch layout, bias, relu)

    def forward(self, x):
        for kind, weight, bias, relu in self.layers:
            if kind == CONV:
                x = F.conv2d(x, weight, bias, padding=weight.shape[-1] // 2)
            elif kind == MAXPOOL:
                x = F.max_pool2d(x, 2)
            else:
                x = F.linear(x.flatten(1), weight, bias)
            if relu:
                x = F.relu(x)
        return x


def write_weights(layers, path, side, bits, temperature, not_a_digit_from):
    """Writes the file for `layers` (as folded_layers gives them) and returns the network it describes."""
    payload, reference, channels = bytearray(), [], 1
    with torch.no_grad():
        classes = layers[-1][1].shape[0]
        payload += struct.pack("<IIffI", side, classes, temperature, not_a_digit_from, len(layers))
        for index, (kind, weight, bias) in enumerate(layers):
            payload += struct.pack("<I", kind)
            if kind == MAXPOOL:
                payload += struct.pack("<I", 2)
                reference.append((kind, None, None, False))
                continue
            relu = index < len(layers) - 1  # every layer but the last one
            q, scale = quantize(weight, bits)
            if kind == CONV:
                stored = q.permute(0, 2, 3, 1)  # [out][dy][dx][in]: the core's patch order
                payload += struct.pack("<IIII", weight.shape[1], weight.shape[0], weight.shape[2], relu)
                channels = weight.shape[0]
            elif layers[index - 1][0] != DENSE:
                # The core flattens activations as height, width, channel; torch as channel, height, width.
                side = int(round((weight.shape[1] / channels) ** 0.5))
                stored = q.reshape(q.shape[0], channels, side, side).permute(0, 2, 3, 1)
            else:
                stored = q  # after a dense layer the activations are flat already
            if kind == DENSE:
                payload += struct.pack("<III", weight.shape[1], weight.shape[0], relu)
            raw = stored.contiguous().numpy().tobytes()
            payload += scale.float().numpy().tobytes() + bias.float().numpy().tobytes() + raw
            payload += b"\0" * (-len(raw) % 4)
            dequantized = (q.float() * scale.view(-1, *[1] * (q.dim() - 1))).float()
            reference.append((kind, dequantized, bias.float().clone(), relu))
    with open(path, "wb") as f:
        f.write(MAGIC + struct.pack("<III", VERSION, len(payload), zlib.crc32(payload)) + payload)
    return QuantizedNet(reference)


def write_golden(path, images, logits):
    """Inputs exactly as the core normalized them and the logits the quantized network gives for them."""
    with open(path, "wb") as f:
        f.write(GOLDEN_MAGIC + struct.pack("<III", len(images), images.shape[-1], logits.shape[1]))
        f.write(images.float().contiguous().numpy().tobytes())
        f.write(logits.float().contiguous().numpy().tobytes())


def read_weights(path):
    """Reads a weights file (weights/FORMAT.md) back into the QuantizedNet it describes.

    The architecture (layer kinds, channels, kernel sides, class count) comes from the file. The returned
    network also carries the header fields as attributes: side, classes, temperature, not_a_digit_from.
    """
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 16 or data[:4] != MAGIC:
        raise ValueError(f"{path}: not a weights file (bad magic)")
    version, size, crc = struct.unpack_from("<III", data, 4)
    if version != VERSION:
        raise ValueError(f"{path}: version {version}, expected {VERSION}")
    payload = data[16:]
    if len(payload) != size:
        raise ValueError(f"{path}: payload is {len(payload)} bytes, header says {size}")
    if zlib.crc32(payload) != crc:
        raise ValueError(f"{path}: CRC mismatch")

    offset = 0

    def take(fmt):
        nonlocal offset
        values = struct.unpack_from(fmt, payload, offset)
        offset += struct.calcsize(fmt)
        return values

    def floats(count):
        nonlocal offset
        if offset + 4 * count > len(payload):
            raise ValueError(f"{path}: truncated")
        values = torch.frombuffer(bytearray(payload[offset:offset + 4 * count]), dtype=torch.float32)
        offset += 4 * count
        return values

    def int8s(count):
        nonlocal offset
        if offset + count > len(payload):
            raise ValueError(f"{path}: truncated")
        values = torch.frombuffer(bytearray(payload[offset:offset + count]), dtype=torch.int8)
        offset += count + (-count % 4)
        return values

    side, classes, temperature, not_a_digit_from, count = take("<IIffI")
    reference, channels, height = [], 1, side  # the activations' shape: channels x height x height
    for _ in range(count):
        (kind,) = take("<I")
        if kind == MAXPOOL:
            (window,) = take("<I")
            if window != 2:
                raise ValueError(f"{path}: max pooling window {window}, only 2 is supported")
            reference.append((kind, None, None, False))
            height //= 2
        elif kind == CONV:
            inputs, outputs, kernel, relu = take("<IIII")
            if inputs != channels or kernel % 2 == 0:
                raise ValueError(f"{path}: convolution {inputs}->{outputs} k{kernel} after {channels} channels")
            scale, bias = floats(outputs), floats(outputs)
            q = int8s(outputs * kernel * kernel * inputs).reshape(outputs, kernel, kernel, inputs)
            q = q.permute(0, 3, 1, 2).float()  # [out][in][ky][kx]: torch's layout
            reference.append((kind, (q * scale.view(-1, 1, 1, 1)).contiguous(), bias.clone(), bool(relu)))
            channels = outputs
        elif kind == DENSE:
            inputs, outputs, relu = take("<III")
            if inputs != channels * height * height:
                raise ValueError(f"{path}: dense with {inputs} inputs after {channels}x{height}x{height}")
            scale, bias = floats(outputs), floats(outputs)
            q = int8s(outputs * inputs).reshape(outputs, height, height, channels)
            q = q.permute(0, 3, 1, 2).reshape(outputs, inputs).float()  # (h, w, c) -> torch's (c, h, w)
            reference.append((kind, (q * scale.view(-1, 1)).contiguous(), bias.clone(), bool(relu)))
            channels, height = outputs, 1
        else:
            raise ValueError(f"{path}: unknown layer kind {kind}")
    if offset != len(payload):
        raise ValueError(f"{path}: {len(payload) - offset} bytes after the last layer")
    if not reference or reference[-1][0] != DENSE or channels != classes:
        raise ValueError(f"{path}: the last layer must be dense with {classes} outputs")
    net = QuantizedNet(reference)
    net.side, net.classes, net.temperature, net.not_a_digit_from = side, classes, temperature, not_a_digit_from
    return net


def read_golden(path):
    """Reads weights/golden.bin: (images [count, 1, side, side], logits [count, classes])."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != GOLDEN_MAGIC:
        raise ValueError(f"{path}: not a golden file (bad magic)")
    count, side, classes = struct.unpack_from("<III", data, 4)
    values = torch.frombuffer(bytearray(data[16:]), dtype=torch.float32)
    if values.numel() != count * (side * side + classes):
        raise ValueError(f"{path}: size does not match its header")
    images = values[:count * side * side].reshape(count, 1, side, side)
    return images, values[count * side * side:].reshape(count, classes)
