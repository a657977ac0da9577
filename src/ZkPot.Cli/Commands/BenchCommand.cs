using System.CommandLine;
using System.Diagnostics;
using System.Numerics;
using System.Security.Cryptography;
using ZkPot.Crypto;
using ZkPot.Gpu;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot bench msm|ntt --size N [--engine cpu|gpu|auto|ilgpu-cpu] [--curve g1|g2] [--window C] [--glv on|off] [--op forward|inverse|odd-coset]
/// [--repeat R] [--seed S]`: times one engine on deterministic inputs (derived from the seed, not timed) and prints
/// the SHA-256 of the result's canonical bytes, so runs on different engines can be compared for equality.
/// </summary>
public static class BenchCommand
{
    /// <summary>Inputs are made in chunks of this many, each from its own seed, so they do not depend on the thread count.</summary>
    const int InputChunk = 1 << 16;

    public static Command Create() => new("bench", "times one engine's MSM or NTT on seeded inputs; prints the result's SHA-256 to compare engines")
    {
        MsmVerb(), NttVerb(), BenchSecAgg.Create(),
    };

    /// <summary>The options msm and ntt share: engine, size, repeat and seed.</summary>
    sealed record Common(Option<string> Engine, Option<int> Size, Option<int> Repeat, Option<int> Seed)
    {
        public static Common Create() => new(
            Options.Choice("--engine", "the engine timed (gpu needs a CUDA device; ilgpu-cpu is ILGPU's CPU emulation)", "cpu", [.. ProverEngine.Names]),
            Options.RequiredInt("--size", "points (msm) or elements (ntt, a power of two)", 1, 1 << 28),
            Options.Int("--repeat", "timed runs; the best and the first are printed", 3, 1, 100),
            Options.Int("--seed", "seed of the inputs", 1));

        public IEnumerable<Option> All => [Engine, Size, Repeat, Seed];
    }

    static Command MsmVerb()
    {
        var common = Common.Create();
        var curve = Options.Choice("--curve", "the group of the points", "g1", "g1", "g2");
        var window = Options.OptionalInt("--window", "window width in bits", "none: the engine's own choice", 1, 20);
        var glv = Options.OptionalChoice("--glv", "split scalars with the GLV endomorphism (CPU engine)", "none: the engine's own rule", "on", "off");
        var command = new Command("msm", "multi-scalar multiplication") { curve, window, glv };
        foreach (var option in common.All) command.Add(option);
        command.SetAction(p =>
        {
            using var engine = Open(p.GetRequiredValue(common.Engine), p.Output());
            int size = p.GetValue(common.Size), bits = p.GetValue(window) ?? 0, repeat = p.GetValue(common.Repeat), seed = p.GetValue(common.Seed);
            bool? split = p.GetValue(glv) is { } g ? g == "on" : null;
            return p.GetRequiredValue(curve) == "g1"
                ? BenchMsm(engine, G1.Generator, size, bits, split, repeat, seed, q => Eip196.WriteG1(q), p.Output())
                : BenchMsm(engine, G2.Generator, size, bits, split, repeat, seed, q => Eip196.WriteG2(q), p.Output());
        });
        return command;
    }

    static Command NttVerb()
    {
        var common = Common.Create();
        var op = Options.Choice("--op", "the transform timed", "forward", "forward", "inverse", "odd-coset");
        var command = new Command("ntt", "number-theoretic transform over the scalar field") { op };
        foreach (var option in common.All) command.Add(option);
        command.SetAction(p =>
        {
            int size = p.GetValue(common.Size);
            if (!BitOperations.IsPow2(size)) throw new UsageException($"--size must be a power of two for ntt, got {size}");
            using var engine = Open(p.GetRequiredValue(common.Engine), p.Output());
            return BenchNtt(engine, size, p.GetRequiredValue(op), p.GetValue(common.Repeat), p.GetValue(common.Seed), p.Output());
        });
        return command;
    }

    static ProverEngine Open(string engineName, TextWriter stdout)
    {
        var kind = ProverEngine.Parse(engineName);
        if (kind == EngineKind.Gpu && !GpuDevice.CudaAvailable)
            throw new UsageException("--engine gpu needs a CUDA device and none was found (no NVIDIA driver, or no GPU visible); use --engine cpu, auto or ilgpu-cpu");
        var clock = Stopwatch.StartNew();
        var engine = ProverEngine.Create(kind);
        stdout.WriteLine($"engine: {engine.Description} (ready in {clock.Elapsed.TotalSeconds:F1} s)");
        return engine;
    }

    static int BenchMsm<F>(ProverEngine engine, AffinePoint<F> generator, int n, int window, bool? glv, int repeat, int seed,
        Func<AffinePoint<F>, byte[]> encode, TextWriter stdout) where F : unmanaged, IField<F>
    {
        var clock = Stopwatch.StartNew();
        var points = Points(generator, n, seed);
        var scalars = Scalars(n, seed + 1);
        string curve = typeof(F) == typeof(Fp) ? "G1" : "G2";
        stdout.WriteLine($"msm {curve}: {n} points, inputs made in {clock.Elapsed.TotalSeconds:F1} s (not timed)");

        var result = JacobianPoint<F>.Infinity;
        var times = new List<double>();
        for (int r = 0; r < repeat; r++)
        {
            clock.Restart();
            result = Multiply(engine.Msm, points, scalars, window, glv);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        stdout.WriteLine($"time: best {times.Min():F1} ms, first {times[0]:F1} ms over {repeat} run(s) (points and scalars copied in each run)");

        if (engine.Msm is GpuMsm gpu)
        {
            // The points of a proving key can stay on the device between proofs: time that case on its own.
            var resident = new List<double>();
            var again = JacobianPoint<F>.Infinity;
            using var bases = Upload(gpu, points);
            for (int r = 0; r < repeat; r++)
            {
                clock.Restart();
                again = Multiply<F>(gpu, bases, scalars, window);
                resident.Add(clock.Elapsed.TotalMilliseconds);
            }
            if (!again.IsSamePoint(result)) throw new InvalidDataException("device-resident bases gave a different sum than uploaded ones");
            stdout.WriteLine($"time with points on the device: best {resident.Min():F1} ms");
        }
        stdout.WriteLine($"sha256: {Convert.ToHexStringLower(SHA256.HashData(encode(result.ToAffine())))}");
        return 0;
    }

    /// <summary>The engine's own choices, or on the CPU the given window width and GLV choice (the rest from CpuMsm's rules).</summary>
    static JacobianPoint<F> Multiply<F>(IMsm msm, AffinePoint<F>[] points, Fr[] scalars, int window, bool? glv) where F : unmanaged, IField<F>
    {
        bool split = glv ?? CpuMsm.UseGlv(points.Length);
        int c = window > 0 ? window : CpuMsm.WindowBits(points.Length, split);
        object sum = (points, msm) switch
        {
            (G1Affine[] g1, GpuMsm gpu) when window > 0 => gpu.MultiExp(g1, scalars, window),
            (G2Affine[] g2, GpuMsm gpu) when window > 0 => gpu.MultiExp(g2, scalars, window),
            (G1Affine[] g1, CpuMsm cpu) => cpu.MultiExp(g1, scalars, c, split),
            (G2Affine[] g2, CpuMsm cpu) => cpu.MultiExp(g2, scalars, c, split),
            (G1Affine[] g1, _) => msm.MultiExp(g1, scalars),
            (G2Affine[] g2, _) => msm.MultiExp(g2, scalars),
            _ => throw new UsageException($"no MSM over {typeof(F).Name}"),
        };
        return (JacobianPoint<F>)sum;
    }

    static IDisposable Upload<F>(GpuMsm gpu, AffinePoint<F>[] points) where F : unmanaged, IField<F> => points switch
    {
        G1Affine[] g1 => gpu.Upload(g1),
        G2Affine[] g2 => gpu.Upload(g2),
        _ => throw new UsageException($"no MSM over {typeof(F).Name}"),
    };

    static JacobianPoint<F> Multiply<F>(GpuMsm gpu, IDisposable bases, Fr[] scalars, int window) where F : unmanaged, IField<F>
    {
        object sum = bases switch
        {
            DeviceBases<G1Affine> g1 => gpu.MultiExp(g1, scalars, window),
            DeviceBases<G2Affine> g2 => gpu.MultiExp(g2, scalars, window),
            _ => throw new UsageException($"no MSM over {typeof(F).Name}"),
        };
        return (JacobianPoint<F>)sum;
    }

    static int BenchNtt(ProverEngine engine, int n, string op, int repeat, int seed, TextWriter stdout)
    {
        var input = Scalars(n, seed);
        var work = new Fr[n];
        var times = new List<double>();
        var clock = new Stopwatch();
        for (int r = 0; r < repeat; r++)
        {
            input.CopyTo(work, 0);
            clock.Restart();
            switch (op)
            {
                case "forward": engine.Ntt.Forward(work); break;
                case "inverse": engine.Ntt.Inverse(work); break;
                default: engine.Ntt.ToOddCoset(work); break;
            }
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        stdout.WriteLine($"ntt {op}: {n} elements");
        stdout.WriteLine($"time: best {times.Min():F1} ms, first {times[0]:F1} ms over {repeat} run(s) (data copied in and out in each run)");
        var bytes = new byte[32 * (long)n];
        for (int i = 0; i < n; i++) work[i].WriteBigEndian(bytes.AsSpan(32 * i, 32));
        stdout.WriteLine($"sha256: {Convert.ToHexStringLower(SHA256.HashData(bytes))}");
        return 0;
    }

    /// <summary>P_i = [a + i * b] G for seeded a, b: one addition per point, chunks in parallel, one inversion per chunk.</summary>
    static AffinePoint<F>[] Points<F>(AffinePoint<F> generator, int n, int seed) where F : unmanaged, IField<F>
    {
        var rng = new Random(seed);
        var a = Fr.Random(rng);
        var b = Fr.Random(rng);
        var g = generator.ToJacobian();
        var step = g.Multiply(b);
        var points = new AffinePoint<F>[n];
        int chunks = (n + InputChunk - 1) / InputChunk;
        Parallel.For(0, chunks, k =>
        {
            int from = k * InputChunk, to = Math.Min(n, from + InputChunk);
            var run = new JacobianPoint<F>[to - from];
            var current = g.Multiply(a + b * Fr.FromUInt64((ulong)from));
            for (int i = 0; i < run.Length; i++)
            {
                run[i] = current;
                current = current.Add(step);
            }
            JacobianPoint<F>.ToAffine(run).CopyTo(points, from);
        });
        return points;
    }

    static Fr[] Scalars(int n, int seed)
    {
        var scalars = new Fr[n];
        int chunks = (n + InputChunk - 1) / InputChunk;
        Parallel.For(0, chunks, k =>
        {
            var rng = new Random(unchecked(seed * 1_000_003 + k));
            int from = k * InputChunk, to = Math.Min(n, from + InputChunk);
            for (int i = from; i < to; i++) scalars[i] = Fr.Random(rng);
        });
        return scalars;
    }
}
