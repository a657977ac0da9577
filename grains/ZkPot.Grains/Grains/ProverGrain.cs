using System.Diagnostics;
using ZkPot.Circuits;
using ZkPot.Grains.Placement;
using ZkPot.Grains.Services;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Grains;

/// <summary>Proves on the compute threads (never on the grain scheduler or the thread pool); one proof per round, so a retried request gets the same proof.</summary>
[OwnerGpuPlacement]
public sealed class ProverGrain(IContentStore store, SiloRole silo) : Grain, IProverGrain
{
    readonly Dictionary<long, Task<ProveResult>> _jobs = [];

    public Task<ProveResult> Prove(ProveRequest request)
    {
        if (!_jobs.TryGetValue(request.Round, out var job))
        {
            // Keep only the latest rounds: a participant proves once per round.
            foreach (long old in _jobs.Keys.Where(r => r < request.Round - 1).ToList()) _jobs.Remove(old);
            job = ComputeScheduler.Run(() => Run(request));
            _jobs[request.Round] = job;
        }
        return job;
    }

    public Task<(string Silo, bool Gpu, string Owner)> Where() => Task.FromResult((silo.Name, silo.Gpu, silo.Owner));

    ProveResult Run(ProveRequest request)
    {
        using var activity = ZkPotTelemetry.Activities.StartActivity("zkpot.prove");
        var clock = Stopwatch.StartNew();
        var task = TaskContext.For(request.Task);
        var key = TaskContext.Key(store, request.ZKeyCid);
        var model = ModelCodec.FromMessage(request.Model);
        var salt = ProofCodec.FieldFrom(request.Salt, "salt");
        var participant = AccuracyStatement.IdToField(Convert.FromHexString(request.ParticipantId));
        var (proof, statement) = task.Task.Prove(key, model, salt, (ulong)request.Round, participant);
        double seconds = clock.Elapsed.TotalSeconds;
        string engine = silo.Gpu ? "gpu" : "cpu";
        ZkPotTelemetry.ProofsGenerated.Add(1, new KeyValuePair<string, object?>("engine", engine));
        ZkPotTelemetry.ProveDuration.Record(seconds, new KeyValuePair<string, object?>("engine", engine));
        return new ProveResult
        {
            Proof = ProofCodec.Encode(proof), Commitment = ProofCodec.FieldBytes(statement.Commitment), Correct = statement.Correct,
            Seconds = seconds, Engine = engine, Silo = silo.Name,
        };
    }
}
