using ZkPot.Grains.Placement;
using ZkPot.Grains.Services;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Grains;

/// <summary>
/// Proves on the compute threads (never on the grain scheduler or the thread pool) with its silo's engine
/// (<see cref="SiloProver"/>); one proof per round, so a retried request gets the same proof.
/// </summary>
[OwnerGpuPlacement]
public sealed class ProverGrain(IContentStore store, SiloRole silo, SiloProver prover) : Grain, IProverGrain
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

    ProveResult Run(ProveRequest request) => LocalProver.Prove(request, store, prover, silo.Name);
}
