using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ZkPot.Grains;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Services;
using ZkPot.Grains.Simulation;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Snark.Formats;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot cluster-bench --silos 1,2,4 [--proofs N] [--concurrency C] [--hidden H] [--test-samples B]`: verification
/// throughput of an embedded cluster. One real claim (development key, one proof; not timed) is checked N times through
/// the stateless verifier grains, C calls in flight, which the client spreads over the silos' gateways; prints proofs
/// verified per second for each silo count. Every silo of an embedded cluster shares this machine's cores.
/// </summary>
public static class ClusterBenchCommand
{
    public static Command Create()
    {
        var silos = Options.Text("--silos", "silo counts to measure, comma-separated (each 1 to 16)", "1,2,4", "S1,S2,...");
        var proofs = Options.Int("--proofs", "verifications timed for each silo count", 256, 1, 1_000_000);
        var concurrency = Options.Int("--concurrency", "verification calls in flight", 32, 1, 4096);
        var hidden = Options.Int("--hidden", "hidden units of the task's model (the circuit's size)", 4, 1, 64);
        var samples = Options.Int("--test-samples", "size of the task's test batch (the circuit's size)", 8, 1, 256);
        var command = new Command("cluster-bench", "proofs verified per second by the verifier grains of an embedded cluster, for each silo count")
        {
            silos, proofs, concurrency, hidden, samples,
        };
        command.SetAction(p => Run(p.GetRequiredValue(silos), p.GetValue(proofs), p.GetValue(concurrency), p.GetValue(hidden), p.GetValue(samples), p.Output()));
        return command;
    }

    static int Run(string silosText, int proofs, int concurrency, int hidden, int samples, TextWriter stdout)
    {
        var counts = silosText.Split(',', StringSplitOptions.TrimEntries).Select(t =>
            int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int s) && s is >= 1 and <= 16 ? s
                : throw new UsageException($"--silos {silosText}: '{t}' is not a silo count from 1 to 16")).ToList();
        return RunAsync(counts, proofs, concurrency, hidden, samples, stdout).GetAwaiter().GetResult();
    }

    static async Task<int> RunAsync(List<int> counts, int proofs, int concurrency, int hidden, int samples, TextWriter stdout)
    {
        var clock = Stopwatch.StartNew();
        var spec = new TaskSpec
        {
            TaskId = SHA256.HashData(Encoding.UTF8.GetBytes($"zkpot-cluster-bench/{hidden}/{samples}")), Hidden = hidden, TestSamples = samples, TestSeed = 1, DataSeed = 1, Participants = 1,
        };
        var context = TaskContext.For(spec);
        var zkey = context.Task.DevelopmentKey();
        using var stream = new MemoryStream();
        ZKeyWriter.Write(zkey, stream);
        byte[] zkeyBytes = stream.ToArray();
        var identity = NodeIdentity.FromSeed(SHA256.HashData(Encoding.UTF8.GetBytes("zkpot-cluster-bench/identity")));
        var model = context.Quantize(context.InitialModel());
        var (proof, statement) = context.Task.Prove(zkey, model, Fr.Random(), 1, ZkPot.Circuits.AccuracyStatement.IdToField(identity.Id.ToArray()));
        var claim = AccuracyClaim.Create(context.TaskId, 1, identity, ProofCodec.PointId(proof.Commitment!.D), statement.Correct, samples, ProofCodec.Encode(proof)).Encode();
        stdout.WriteLine($"claim ready in {clock.Elapsed.TotalSeconds:F1} s ({context.Task.Constraints.NConstraints} constraints, not timed); {proofs} verifications, {concurrency} in flight, {Environment.ProcessorCount} cores");

        foreach (int silos in counts)
        {
            await using var cluster = await EmbeddedCluster.StartAsync(silos);
            string cid = cluster.Content.Put(zkeyBytes).ToString();
            // Warm-up: every silo loads the key and JIT-compiles the verifier before the clock starts.
            await Drive(cluster.Grains, claim, identity.SigningPublicKey, spec, cid, Math.Max(silos * 8, concurrency), concurrency);
            var timer = Stopwatch.StartNew();
            int ok = await Drive(cluster.Grains, claim, identity.SigningPublicKey, spec, cid, proofs, concurrency);
            double seconds = timer.Elapsed.TotalSeconds;
            if (ok != proofs) throw new InvalidOperationException($"{proofs - ok} of {proofs} verifications of a valid claim failed");
            stdout.WriteLine($"silos {silos}: {proofs / seconds:F0} proofs/s ({proofs} in {seconds:F2} s)");
        }
        return 0;
    }

    static async Task<int> Drive(IGrainFactory grains, byte[] claim, byte[] key, TaskSpec spec, string cid, int total, int concurrency)
    {
        int next = -1, ok = 0;
        async Task Worker()
        {
            while (Interlocked.Increment(ref next) < total)
                if ((await grains.GetGrain<IVerifierGrain>(next % 64).Verify(claim, key, spec, cid)).Rejection == "None") Interlocked.Increment(ref ok);
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Worker()));
        return ok;
    }
}
