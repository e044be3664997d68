"""PyTorch reference for the `models` suite of scripts/bench (see Sources/mfbench/ModelsBench.swift).

The same MixFlow / CFM training step as Sources/MixFlowOps/Flow/TrainingStep.swift, on CPU:
  batch      8 conditions x 32 points (2-D), descriptors 16-D (one-hot of 14 letters + cos, sin)
  encoder    Linear(16, 128) ReLU Dropout(0.1) Linear(128, 16)
  base       h_theta: Linear(16, 128) ReLU Linear(128, 8 x 2); h_p: Linear(16, 128) ReLU Linear(128, 8)
  velocity   [x, t, e] -> 128 ELU -> [h, e] -> 128 ELU -> [h, e] -> 128 ELU -> 2
  pairing    exact assignment per condition (scipy linear_sum_assignment on squared distances)
  velocity step: x0 = a hard component draw (Gumbel-max) + 0.1 eps; t ~ U(0, 1);
                 L_OT = mean_r |v(x_t, t, e) - (x1 - x0)|^2; Adam(lr 1e-3, betas (0, 0.99)) on v
  base step:     x0 = sum_i w_i theta_i + 0.1 eps, w = gumbel_softmax(h_p(e), tau 0.5);
                 L_geo = mean_r |x1 - x0|^2 over the OT pairs; Adam(lr 1e-3) on h_theta, h_p, encoder;
                 L_OT evaluated for the record without gradients
Cases (same names as the Swift side):
  train_mixflow  the alternate phase: 9 velocity steps then 1 base step, steps per second
  train_cfm      CFM steps (N(0, I) base, encoder trained with v by L_OT, OT pairing), steps per second
  sample_euler   42 conditions x 1000 points, hard base draws, 50 Euler steps, runs per second
The data are per-condition Gaussian clouds (the Swift side trains on the letters; the step's
cost does not depend on the point values beyond the assignment, which is small at 32 x 32).
"""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from scipy.optimize import linear_sum_assignment

from common import emit, rate, threads_from_env, log

D, DESCRIPTOR, EMBEDDING, COMPONENTS, SIGMA = 2, 16, 16, 8, 0.1
CONDITIONS, POINTS, TRAIN_CONDITIONS, POINTS_PER_CONDITION = 8, 32, 126, 1000


class Velocity(nn.Module):
    def __init__(self, width=128, depth=3):
        super().__init__()
        self.hidden = nn.ModuleList([nn.Linear(D + 1 + EMBEDDING, width)] +
                                    [nn.Linear(width + EMBEDDING, width) for _ in range(depth - 1)])
        self.out = nn.Linear(width, D)

    def forward(self, x, t, e):
        h = F.elu(self.hidden[0](torch.cat([x, t, e], dim=1)))
        for layer in self.hidden[1:]:
            h = F.elu(layer(torch.cat([h, e], dim=1)))
        return self.out(h)


def mlp(inputs, outputs, dropout=0.0):
    return nn.Sequential(nn.Linear(inputs, 128), nn.ReLU(), nn.Dropout(dropout), nn.Linear(128, outputs))


class Model:
    def __init__(self, mixflow):
        torch.manual_seed(0)
        self.mixflow = mixflow
        self.encoder = mlp(DESCRIPTOR, EMBEDDING, dropout=0.1)
        self.velocity = Velocity()
        self.opt_v = torch.optim.Adam(list(self.velocity.parameters()) +
                                      ([] if mixflow else list(self.encoder.parameters())), lr=1e-3, betas=(0.0, 0.99))
        if mixflow:
            self.modes = mlp(EMBEDDING, COMPONENTS * D)
            self.logits = mlp(EMBEDDING, COMPONENTS)
            self.opt_b = torch.optim.Adam(list(self.modes.parameters()) + list(self.logits.parameters()) +
                                          list(self.encoder.parameters()), lr=1e-3)
        generator = np.random.default_rng(0)
        self.data = torch.tensor(generator.normal(size=(TRAIN_CONDITIONS, POINTS_PER_CONDITION, D)), dtype=torch.float32)
        self.descriptors = torch.tensor(generator.normal(size=(TRAIN_CONDITIONS, DESCRIPTOR)), dtype=torch.float32)

    def batch(self):
        conditions = torch.randperm(TRAIN_CONDITIONS)[:CONDITIONS]
        picks = torch.stack([torch.randperm(POINTS_PER_CONDITION)[:POINTS] for _ in range(CONDITIONS)])
        x1 = torch.stack([self.data[c, p] for c, p in zip(conditions, picks)])          # C x n x D
        return self.descriptors[conditions], x1

    def base_draw(self, e, hard):
        """x0 (C x n x D) from the mixture of each condition's embedding row."""
        theta = self.modes(e).view(CONDITIONS, COMPONENTS, D)
        logits = self.logits(e).unsqueeze(1).expand(CONDITIONS, POINTS, COMPONENTS)
        w = F.gumbel_softmax(logits, tau=0.5, hard=hard)                                   # C x n x I
        return torch.bmm(w, theta) + SIGMA * torch.randn(CONDITIONS, POINTS, D)

    @staticmethod
    def pair(x0, x1):
        """x1 reordered so that row r of each condition is the OT partner of x0's row r."""
        with torch.no_grad():
            cost = torch.cdist(x0, x1) ** 2
        order = [torch.as_tensor(linear_sum_assignment(c.numpy())[1]) for c in cost]
        return torch.stack([x1[k, o] for k, o in enumerate(order)])

    def step(self, base_step):
        y, x1 = self.batch()
        e = self.encoder(y)
        if self.mixflow:
            if base_step:
                x0 = self.base_draw(e, hard=False)
            else:
                with torch.no_grad():
                    x0 = self.base_draw(e, hard=True)
        else:
            x0 = torch.randn(CONDITIONS, POINTS, D)
        x1 = self.pair(x0, x1)
        t = torch.rand(CONDITIONS * POINTS, 1)
        x0f, x1f = x0.reshape(-1, D), x1.reshape(-1, D)
        xt, u = (1 - t) * x0f + t * x1f, x1f - x0f
        condition = e.repeat_interleave(POINTS, dim=0)
        if base_step:
            self.opt_b.zero_grad(set_to_none=True)
            loss_geo = (u ** 2).sum(dim=1).mean()
            loss_geo.backward()
            with torch.no_grad():
                _ = ((self.velocity(xt, t, condition) - u) ** 2).sum(dim=1).mean()
            self.opt_b.step()
        else:
            self.opt_v.zero_grad(set_to_none=True)
            if self.mixflow:
                condition = condition.detach()
            loss = ((self.velocity(xt, t, condition) - u.detach()) ** 2).sum(dim=1).mean()
            loss.backward()
            self.opt_v.step()


def training_rate(mixflow):
    model = Model(mixflow)
    counter = [0]

    def one_step():
        model.step(base_step=mixflow and counter[0] % 10 == 9)
        counter[0] += 1

    return rate(one_step, min_seconds=3.0)


def sampling_rate(conditions=42, points=1000, steps=50):
    model = Model(mixflow=True)
    model.encoder.eval(); model.modes.eval(); model.logits.eval()
    y = torch.randn(conditions, DESCRIPTOR)

    def sample():
        with torch.no_grad():
            e = model.encoder(y)
            theta = model.modes(e).view(conditions, COMPONENTS, D)
            logits = model.logits(e).unsqueeze(1).expand(conditions, points, COMPONENTS)
            w = F.gumbel_softmax(logits, tau=0.5, hard=True)
            x = (torch.bmm(w, theta) + SIGMA * torch.randn(conditions, points, D)).reshape(-1, D)
            condition = e.repeat_interleave(points, dim=0)
            t = torch.empty(x.shape[0], 1)
            for i in range(steps):
                t.fill_(i / steps)
                x = x + model.velocity(x, t, condition) / steps
        return x

    return rate(sample, min_seconds=3.0, warmup=1)


def main():
    torch.set_num_threads(threads_from_env())
    log(f"models.py: torch {torch.__version__}, {torch.get_num_threads()} threads")
    emit("models", "train_mixflow", "steps_per_s", training_rate(True), "steps/s")
    emit("models", "train_cfm", "steps_per_s", training_rate(False), "steps/s")
    emit("models", "sample_euler", "runs_per_s", sampling_rate(), "runs/s")


if __name__ == "__main__":
    main()
