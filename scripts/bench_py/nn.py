"""PyTorch reference for the `nn` suite of scripts/bench (see Sources/mfbench/NNBench.swift).

Velocity MLP v(x, t, y): input [x (2), t (1), y (16)], hidden layers of equal width with ELU,
the condition y re-concatenated to the input of every hidden layer after the first, output 2.
Cases (same names and shapes as the Swift side):
  train_w128, train_w256: MSE loss + Adam(lr=1e-3), batch 256, training steps per second.
  euler_w128: 100 Euler steps from t=0 to 1 for 10,000 points, runs per second.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import emit, rate, threads_from_env, log

X_DIM, COND_DIM, BATCH = 2, 16, 256


class VelocityMLP(nn.Module):
    def __init__(self, width, depth=3):
        super().__init__()
        self.hidden = nn.ModuleList([nn.Linear(X_DIM + 1 + COND_DIM, width)] +
                                    [nn.Linear(width + COND_DIM, width) for _ in range(depth - 1)])
        self.out = nn.Linear(width, X_DIM)

    def forward(self, x, t, y):
        h = F.elu(self.hidden[0](torch.cat([x, t, y], dim=1)))
        for layer in self.hidden[1:]:
            h = F.elu(layer(torch.cat([h, y], dim=1)))
        return self.out(h)


def train_rate(width):
    torch.manual_seed(0)
    model = VelocityMLP(width)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(BATCH, X_DIM)
    t = torch.rand(BATCH, 1)
    y = torch.randn(BATCH, COND_DIM)
    u = torch.randn(BATCH, X_DIM)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.mse_loss(model(x, t, y), u)
        loss.backward()
        opt.step()

    return rate(step)


def euler_rate(width, points=10_000, steps=100):
    torch.manual_seed(0)
    model = VelocityMLP(width).eval()
    y = torch.randn(points, COND_DIM)
    x0 = torch.randn(points, X_DIM)
    t = torch.empty(points, 1)
    dt = 1.0 / steps

    def sample():
        with torch.no_grad():
            x = x0.clone()
            for i in range(steps):
                t.fill_(i * dt)
                x.add_(model(x, t, y), alpha=dt)
        return x

    return rate(sample, min_seconds=3.0, warmup=2)


def main():
    torch.set_num_threads(threads_from_env())
    log(f"nn.py: torch {torch.__version__}, torch.get_num_threads() = {torch.get_num_threads()}")
    emit("nn", "threads", "torch_num_threads", torch.get_num_threads(), "threads")
    for width in (128, 256):
        emit("nn", f"train_w{width}", "steps_per_s", train_rate(width), "steps/s")
    emit("nn", "euler_w128", "runs_per_s", euler_rate(128), "runs/s")


if __name__ == "__main__":
    main()
