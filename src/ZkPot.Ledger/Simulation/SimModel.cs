using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Canonical;

namespace ZkPot.Ledger.Simulation;

/// <summary>The simulation's stand-in for a model blob: it states its own accuracy, which is what "re-evaluating on the public batch" reads back.</summary>
/// <remarks>Encoding: tag "zkpot/sim-model/v1" prefix | round u64 | correct u32 | samples u32 | salt[32].</remarks>
public readonly record struct SimModel(long Round, int Correct, int Samples, Hash32 Salt)
{
    const string Tag = "zkpot/sim-model/v1";

    public byte[] Encode() => DomainTag.Prefix(Tag, new CanonicalWriter(48).Height(Round).Count(Correct).Count(Samples).Hash(Salt).WrittenSpan);

    public static bool TryDecode(ReadOnlySpan<byte> blob, out SimModel model)
    {
        model = default;
        byte[] prefix = DomainTag.Prefix(Tag, []);
        if (blob.Length != prefix.Length + 48 || !blob[..prefix.Length].SequenceEqual(prefix)) return false;
        var r = new CanonicalReader(blob[prefix.Length..], "simulated model");
        long round = r.Height("round");
        int correct = r.Count("correct");
        int samples = r.Count("samples");
        var salt = r.Hash("salt");
        if (correct > samples) return false;
        model = new SimModel(round, correct, samples, salt);
        return true;
    }
}
