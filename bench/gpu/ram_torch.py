"""The RAM of ram/model.ts (defaults: 8x8 glimpse, depth 1, 7 glimpses, 256 hidden,
ReLU, location std 0.11, REINFORCE with a learned baseline) in PyTorch eager, timed the same way
as bench/gpu/bench.ts: Adam steps on MNIST mini-batches, examples per second after a warm-up.
Prints one JSON line per batch size.

Usage: python3 ram_torch.py MNIST_DIR [--steps-20 N] [--steps-128 N] [--device cuda|cpu]
"""
import gzip
import json
import sys
import time

import numpy as np
import torch
import torch.nn as tnn
import torch.nn.functional as F


def read_idx(path):
    with open(path, "rb") as f:
        buf = f.read()
    if buf[:2] == b"\x1f\x8b":
        buf = gzip.decompress(buf)
    ndim = buf[3]
    shape = [int.from_bytes(buf[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(buf, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


class Ram(tnn.Module):
    def __init__(self, size=8, image=28, unit_pixels=13, hidden=256, std=0.11, steps=7):
        super().__init__()
        self.size, self.image, self.steps, self.std = size, image, steps, 2 * std
        self.scale_out = unit_pixels * 2 / image
        self.location_sensor = tnn.Linear(2, 128)
        self.glimpse_sensor = tnn.Linear(size * size, 128)
        self.glimpse_hidden = tnn.Linear(256, 256)
        self.glimpse_output = tnn.Linear(256, hidden)
        self.recurrent_start = tnn.Parameter(torch.zeros(hidden))
        self.recurrent_feedback = tnn.Linear(hidden, hidden)
        self.locator = tnn.Linear(hidden, 2)
        self.classifier = tnn.Linear(hidden, 10)
        self.baseline = tnn.Parameter(torch.zeros(1))
        for p in self.parameters():
            tnn.init.uniform_(p, -0.1, 0.1)
        pad = (size - 1) // 2
        self.pad, self.range = pad, image + 2 * pad - size
        r = torch.arange(size)
        self.register_buffer("dy", r.view(1, size, 1))
        self.register_buffer("dx", r.view(1, 1, size))

    def glimpse(self, x, loc):
        # dpnn SpatialGlimpse, depth 1: the size x size crop of the zero-padded image at the location
        corner = torch.floor(((loc.detach() + 1) / 2 * self.range).clamp(0, self.range)).long()
        padded = F.pad(x[:, 0], (self.pad, self.pad, self.pad, self.pad))
        b = torch.arange(x.shape[0], device=x.device).view(-1, 1, 1)
        rows = corner[:, 0].view(-1, 1, 1) + self.dy
        cols = corner[:, 1].view(-1, 1, 1) + self.dx
        return padded[b, rows, cols].reshape(x.shape[0], -1)

    def forward(self, x):
        B = x.shape[0]
        h = torch.zeros(B, self.recurrent_feedback.in_features, device=x.device)
        log_pi = 0
        for t in range(self.steps):
            mu = torch.clamp(self.locator(h.detach() if t == 0 else h), -1, 1)
            sample = (mu + self.std * torch.randn_like(mu)).detach()
            log_pi = log_pi - ((sample - mu) ** 2).sum(1) / (2 * self.std ** 2)
            loc = torch.clamp(sample, -1, 1) * self.scale_out
            g = F.relu(self.location_sensor(loc))
            s = F.relu(self.glimpse_sensor(self.glimpse(x, loc)))
            g = self.glimpse_output(F.relu(self.glimpse_hidden(torch.cat([g, s], 1))))
            h = F.relu(g + self.recurrent_start) if t == 0 else F.relu(self.recurrent_feedback(h) + g)
        logp = F.log_softmax(self.classifier(h), 1)
        return logp, self.baseline.expand(B), log_pi


def step(model, opt, x, y):
    logp, b, log_pi = model(x)
    reward = (logp.argmax(1) == y).float()
    loss = F.nll_loss(logp, y) + F.mse_loss(b, reward) - ((reward - b.detach()) * log_pi).mean()
    opt.zero_grad(set_to_none=False)
    loss.backward()
    opt.step()
    return loss


def main():
    args = sys.argv[1:]
    mnist = args[0]
    opt_of = lambda k, d: type(d)(args[args.index(k) + 1]) if k in args else d
    device = opt_of("--device", "cuda" if torch.cuda.is_available() else "cpu")
    images = read_idx(f"{mnist}/train-images-idx3-ubyte")
    labels = read_idx(f"{mnist}/train-labels-idx1-ubyte")
    X = torch.tensor(images, dtype=torch.float32).div_(255).unsqueeze(1).to(device)
    Y = torch.tensor(labels.astype(np.int64)).to(device)
    name = torch.cuda.get_device_name(0) if device == "cuda" else "cpu"
    for B, steps in ((20, opt_of("--steps-20", 300)), (128, opt_of("--steps-128", 150))):
        torch.manual_seed(1)
        model = Ram().to(device)
        opt = torch.optim.Adam(model.parameters(), lr=3e-4)
        order = torch.randperm(X.shape[0], device=device)
        batch = lambda s: order[(s * B) % (X.shape[0] - B):][:B]
        for s in range(5):
            idx = batch(s)
            step(model, opt, X[idx], Y[idx])
        if device == "cuda":
            torch.cuda.synchronize()
        t = time.perf_counter()
        for s in range(steps):
            idx = batch(s + 5)
            step(model, opt, X[idx], Y[idx])
        if device == "cuda":
            torch.cuda.synchronize()
        sec = time.perf_counter() - t
        print(json.dumps({"kind": "ram", "backend": f"pytorch {torch.__version__} eager ({name})", "batch": B,
                          "steps": steps, "examplesPerSecond": steps * B / sec, "msPerStep": 1000 * sec / steps}), flush=True)


if __name__ == "__main__":
    main()
