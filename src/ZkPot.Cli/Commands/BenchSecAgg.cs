using System.CommandLine;
using System.Diagnostics;
using ZkPot.Circuits;
using ZkPot.Circuits.SecureAggregation;
using ZkPot.Crypto;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot bench secagg [--participants 10,30,100] [--values 6370] [--seed S]`: one secure-aggregation round (PROTOCOL §12)
/// per set size, every participant and the leader in this process, one after another; prints per participant the time
/// spent in its three answers and the bytes it sent, and the leader's time. The commitment bases are random points (an
/// MSM costs the same over any bases); 6,370 values is the default 784-8-10 model.
/// </summary>
public static class BenchSecAgg
{
    public static Command Create()
    {
        var participants = Options.Text("--participants", "set sizes, comma-separated", "10,30,100", "N,N,...");
        var values = Options.Int("--values", "values per model (784-8-10 has 6,370)", 6370, 1, 1 << 22);
        var seed = Options.Int("--seed", "seed of the models and keys", 1);
        var command = new Command("secagg", "one secure-aggregation round per set size: per-participant time and bytes, and the leader's time") { participants, values, seed };
        command.SetAction(p =>
        {
            var sizes = p.GetRequiredValue(participants).Split(',').Select(s => int.TryParse(s.Trim(), out int n) && n >= 2 && n <= 1000 ? n
                : throw new UsageException($"--participants takes set sizes from 2 to 1000, comma-separated; got '{s}'")).ToList();
            var stdout = p.Output();
            stdout.WriteLine($"values per model: {p.GetValue(values)}; {Environment.ProcessorCount} cores");
            stdout.WriteLine("| n | degree k | t | R | participant s (mean / max) | participant bytes sent (mean / max) | leader s | leader bytes received |");
            stdout.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (int n in sizes) stdout.WriteLine(Row(n, p.GetValue(values), p.GetValue(seed)));
            return 0;
        });
        return command;
    }

    /// <summary>Times a participant's answers and counts its bytes.</summary>
    sealed class Timed(IMaskParty inner) : IMaskParty
    {
        public double Seconds;
        public long Bytes;
        public NodeId Id => inner.Id;
        public byte[]? Advert(MaskContext context) => Time(() => inner.Advert(context));
        public byte[]? Mask(MaskContext context, IReadOnlyList<byte[]> adverts) => Time(() => inner.Mask(context, adverts));
        public byte[]? RevealSeed(MaskContext context, byte[] neighbourHeader) => Time(() => inner.RevealSeed(context, neighbourHeader));
        public byte[]? Unmask(MaskContext context, IReadOnlyList<NodeId> survivors, IReadOnlyList<MaskEvidence> grounds) => Time(() => inner.Unmask(context, survivors, grounds));

        byte[]? Time(Func<byte[]?> call)
        {
            var clock = Stopwatch.StartNew();
            var bytes = call();
            Seconds += clock.Elapsed.TotalSeconds;
            Bytes += bytes?.Length ?? 0;
            return bytes;
        }
    }

    sealed class Counter : IMaskTranscript
    {
        public long Bytes;
        public void Received(NodeId from, string kind, byte[] bytes) => Bytes += bytes.Length;
    }

    static string Row(int n, int values, int seed)
    {
        var rng = new Random(seed);
        var bases = Enumerable.Range(0, values + 1).Select(_ => G1.Generator.ToJacobian().Multiply(Fr.Random(rng)).ToAffine()).ToArray();
        var task = Hash32.Sha256(BitConverter.GetBytes(seed));
        var members = new List<MaskMember>();
        var parties = new Dictionary<NodeId, IMaskParty>();
        var timed = new List<Timed>();
        for (int i = 0; i < n; i++)
        {
            var identity = NodeIdentity.FromSeed(Hash32.Tagged("zkpot/bench/secagg", BitConverter.GetBytes(seed * 100_000 + i)).ToArray());
            var opening = new ModelOpening(Enumerable.Range(0, values).Select(_ => (long)rng.Next(-127, 128)).ToArray(), Fr.Random(rng));
            members.Add(new MaskMember(identity.Id, identity.SigningPublicKey, identity.AgreementPublicKey, MaskSecrets.Commit(bases, MaskSecrets.Vector(opening))));
            var party = new Timed(new MaskParticipant(identity, opening, bases, new UnmaskMemory()));
            parties[identity.Id] = party;
            timed.Add(party);
        }
        var counter = new Counter();
        var clock = Stopwatch.StartNew();
        var result = MaskRound.Run(task, 1, members, values, parties, bases, counter);
        double leader = clock.Elapsed.TotalSeconds - timed.Sum(t => t.Seconds);
        if (result.Outcome.Sum is null) throw new InvalidOperationException($"n = {n}: the round did not sum: {result.Outcome.Failure}");
        var c = result.Last;
        return $"| {n} | {c.Degree} | {c.Threshold} | {c.Required} | {timed.Average(t => t.Seconds):F3} / {timed.Max(t => t.Seconds):F3} | " +
               $"{timed.Average(t => (double)t.Bytes) / 1e6:F3} MB / {timed.Max(t => t.Bytes) / 1e6:F3} MB | {leader:F2} | {counter.Bytes / 1e6:F1} MB |";
    }
}
