using System.Diagnostics;
using ZkPot.Circuits;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Services;

/// <summary>Proves a participant's accuracy claim in this process: the prover grain's work, and an outside participant's.</summary>
public static class LocalProver
{
    public static ProveResult Prove(ProveRequest request, IContentStore store, SiloProver prover, string where)
    {
        using var activity = ZkPotTelemetry.Activities.StartActivity("zkpot.prove");
        var clock = Stopwatch.StartNew();
        var task = TaskContext.For(request.Task);
        var key = TaskContext.Key(store, request.ZKeyCid);
        var model = ModelCodec.FromMessage(request.Model);
        var mask = ProofCodec.FieldFrom(request.Mask, "mask");
        var participant = AccuracyStatement.IdToField(Convert.FromHexString(request.ParticipantId));
        var (proof, statement) = prover.Run(p => task.Task.Prove(key, model, mask, (ulong)request.Round, participant, prover: p));
        string engine = prover.EngineName;
        double seconds = clock.Elapsed.TotalSeconds;
        ZkPotTelemetry.ProofsGenerated.Add(1, new KeyValuePair<string, object?>("engine", engine));
        ZkPotTelemetry.ProveDuration.Record(seconds, new KeyValuePair<string, object?>("engine", engine));
        return new ProveResult
        {
            Proof = ProofCodec.Encode(proof), Commitment = ProofCodec.PointId(proof.Commitment!.D).ToArray(), Correct = statement.Correct,
            Seconds = seconds, Engine = engine, Silo = where,
        };
    }
}
