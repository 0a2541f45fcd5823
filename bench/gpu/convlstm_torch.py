"""The rows of bench/gpu/convlstm.ts in PyTorch eager, timed the same way: Conv2d forward + backward
at LeNet's two layers and a 3x3 64-plane layer on 56x56, one LeNet training step (NLL, SGD), LSTM
forward + backward (seqlen 50, batch 32, 128 and 512 units) and the language-model step of
bench/lstm.ts (Embedding, LSTM, Linear, log-softmax, NLL summed over steps / batch, SGD).
A sample is enough calls to last >= 40 ms (at most 50) and a synchronize; the median of 5 samples
(3 when one call takes >= 250 ms), per call. On CUDA machines the rows run on CUDA and then on the
CPU (all its threads); elsewhere on the CPU only. Prints one JSON line per row and device.

Usage: python3 convlstm_torch.py [--quick] [--device cuda|cpu]
"""
import json
import sys
import time

import torch
import torch.nn as tnn
import torch.nn.functional as F

args = sys.argv[1:]
quick = "--quick" in args
B, T, V = (4, 10, 1000) if quick else (32, 50, 10000)
MIN_MS, SAMPLES = (1, 1) if quick else (40, 5)


def conv_row(n_in, n_out, k, pad, h):
    def build(dev):
        m = tnn.Conv2d(n_in, n_out, k, padding=pad).to(dev)
        x = torch.rand(B, n_in, h, h, device=dev, requires_grad=True)
        go = torch.rand_like(m(x))

        def step():
            m.zero_grad(set_to_none=False)
            x.grad = None
            m(x).backward(go)
        return step
    return build


def lenet(dev):
    net = tnn.Sequential(tnn.Conv2d(1, 32, 5), tnn.Tanh(), tnn.MaxPool2d(3), tnn.Conv2d(32, 64, 5), tnn.Tanh(), tnn.MaxPool2d(2),
                         tnn.Flatten(), tnn.Linear(256, 200), tnn.Tanh(), tnn.Linear(200, 10), tnn.LogSoftmax(1)).to(dev)
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    x, y = torch.rand(B, 1, 28, 28, device=dev), (torch.arange(B) % 10).to(dev)

    def step():
        opt.zero_grad(set_to_none=False)
        F.nll_loss(net(x), y).backward()
        opt.step()
    return step


def lstm_row(h):
    def build(dev):
        m = tnn.LSTM(h, h).to(dev)
        x = torch.rand(T, B, h, device=dev, requires_grad=True)
        gy = torch.rand(T, B, h, device=dev)

        def step():
            m.zero_grad(set_to_none=False)
            x.grad = None
            m(x)[0].backward(gy)
        return step
    return build


def lm(dev):
    emb, lstm, lin = tnn.Embedding(V, 128).to(dev), tnn.LSTM(128, 128).to(dev), tnn.Linear(128, V).to(dev)
    opt = torch.optim.SGD(list(emb.parameters()) + list(lstm.parameters()) + list(lin.parameters()), lr=0.1)
    x, y = torch.randint(0, V, (T, B), device=dev), torch.randint(0, V, (T, B), device=dev)

    def step():
        opt.zero_grad(set_to_none=False)
        logp = torch.log_softmax(lin(lstm(emb(x))[0]), -1)
        (F.nll_loss(logp.view(-1, V), y.view(-1), reduction="sum") / B).backward()
        opt.step()
    return step


ROWS = [
    (f"SpatialConvolution 1→32 5×5 on 28×28 (LeNet 1), batch {B}, fwd+bwd", conv_row(1, 32, 5, 0, 28)),
    (f"SpatialConvolution 32→64 5×5 on 8×8 (LeNet 2), batch {B}, fwd+bwd", conv_row(32, 64, 5, 0, 8)),
    (f"SpatialConvolution 64→64 3×3 pad 1 on 56×56, batch {B}, fwd+bwd", conv_row(64, 64, 3, 1, 56)),
    (f"LeNet training step (fwd, ClassNLL, bwd, SGD), batch {B}", lenet),
    (f"SeqLSTM 128→128, seqlen {T}, batch {B}, fwd+bwd", lstm_row(128)),
    (f"SeqLSTM 512→512, seqlen {T}, batch {B}, fwd+bwd", lstm_row(512)),
    (f"LM step: LookupTable({V}, 128) + SeqLSTM(128) + Linear(128, {V}) + SequencerCriterion (gradient only), SGD, seqlen {T}, batch {B}", lm),
]


def median_ms(step, dev):
    sync = torch.cuda.synchronize if dev == "cuda" else (lambda: None)
    step()
    sync()
    t = time.perf_counter()
    step()
    sync()
    one = (time.perf_counter() - t) * 1000
    calls = max(1, min(50, -(-MIN_MS // max(one, 1e-3))))
    n = min(3, SAMPLES) if one >= 250 else SAMPLES
    ms = []
    for _ in range(n):
        t = time.perf_counter()
        for _ in range(int(calls)):
            step()
        sync()
        ms.append((time.perf_counter() - t) * 1000 / calls)
    return sorted(ms)[n // 2], int(n * calls)


def main():
    forced = args[args.index("--device") + 1] if "--device" in args else None
    devices = [forced] if forced else (["cuda", "cpu"] if torch.cuda.is_available() else ["cpu"])
    for dev in devices:
        threads = torch.get_num_threads()
        name = torch.cuda.get_device_name(0) if dev == "cuda" else f"cpu, {threads} thread{'s' if threads > 1 else ''}"
        for what, build in ROWS:
            torch.manual_seed(1)
            try:
                ms, calls = median_ms(build(dev), dev)
                print(json.dumps({"kind": "convlstm", "backend": f"pytorch {torch.__version__} ({name})", "what": what,
                                  "batch": B, "ms": ms, "calls": calls}), flush=True)
            except Exception as e:  # a row that fails (out of memory, say) is reported, the others still run
                print(json.dumps({"kind": "convlstm-error", "backend": f"pytorch ({dev})", "what": what, "error": str(e)[:300]}), flush=True)


if __name__ == "__main__":
    main()
