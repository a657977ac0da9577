using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ZkPot.Grains.Services;

/// <summary>The meter and ActivitySource "ZkPot" with exactly the instruments of docs/METRICS.md.</summary>
public static class ZkPotTelemetry
{
    public const string Name = "ZkPot";

    public static readonly ActivitySource Activities = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> ProofsGenerated = Meter.CreateCounter<long>("zkpot.proofs.generated", description: "Groth16 accuracy proofs produced");
    public static readonly Counter<long> ProofsVerified = Meter.CreateCounter<long>("zkpot.proofs.verified", description: "claims whose signature and proof verified");
    public static readonly Counter<long> ProofsRejected = Meter.CreateCounter<long>("zkpot.proofs.rejected", description: "claims rejected, by reason");
    public static readonly Histogram<double> ProveDuration = Meter.CreateHistogram<double>("zkpot.prove.duration", "s", "witness and Groth16 proving time");
    public static readonly Histogram<double> VerifyDuration = Meter.CreateHistogram<double>("zkpot.verify.duration", "s", "claim verification time");
    public static readonly Histogram<double> RoundDuration = Meter.CreateHistogram<double>("zkpot.round.duration", "s", "wall time of a round, open to commit");
    public static readonly Counter<long> RoundsCommitted = Meter.CreateCounter<long>("zkpot.rounds.committed", description: "rounds committed to the chain");
    public static readonly Counter<long> ViewChanges = Meter.CreateCounter<long>("zkpot.view.changes", description: "views after the first needed to commit a round");
    public static readonly Counter<long> PlacementFallback = Meter.CreateCounter<long>("zkpot.prover.placement.fallback", description: "prover activations placed on a CPU silo because the owner has no GPU silo up");

    static double _globalAccuracy;
    static long _blockHeight;

    static ZkPotTelemetry()
    {
        Meter.CreateObservableGauge("zkpot.global.accuracy", () => Volatile.Read(ref _globalAccuracy), "ratio", "accuracy of the latest committed global model on the public test batch");
        Meter.CreateObservableGauge("zkpot.block.height", () => Volatile.Read(ref _blockHeight), description: "height of the latest committed block");
    }

    public static void Committed(long height, double accuracy)
    {
        Volatile.Write(ref _blockHeight, height);
        Volatile.Write(ref _globalAccuracy, accuracy);
    }

    /// <summary>The metric's reason tag for a ledger rejection name (BadProof becomes bad-proof).</summary>
    public static string ReasonTag(string rejection)
    {
        var sb = new System.Text.StringBuilder();
        foreach (char c in rejection)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
