using System.Security.Cryptography;
using ZkPot.Grains.Services;
using ZkPot.Ledger.Storage;
using ZkPot.Snark.Setup;

namespace ZkPot.Grains.Simulation;

/// <summary>
/// Drives a task's setup ceremony from outside the grains, as a coordinator would: phase 1 from a public file, from
/// the members' earlier run (<see cref="Phase1Cache"/>), or run now among the contributors (each computes on its own
/// silo, the ceremony checks and chains), then phase 2 among the contributors, then the final check. Only
/// <see cref="SimulationSettings.DevSetup"/> gives a development key. Contributors may be on other clusters (members):
/// <paramref name="contributorOf"/> names the cluster and content store of each, and the files are carried there and back.
/// </summary>
public sealed class SetupRunner(IGrainFactory grains, IContentStore content, SimulationSettings settings,
                                Func<string, (IGrainFactory Grains, IContentStore Content)>? contributorOf = null)
{
    /// <summary>Iterations of the beacon's hash: 2^10, snarkjs's smallest (a stand-in beacon needs no delay).</summary>
    const int BeaconExponent = 10;

    public async Task<CeremonyResult> RunAsync(TaskSpec task, IReadOnlyList<string> contributors, IProgress<SimulationProgress>? progress,
        Func<Func<Task>, Task> retry)
    {
        var ceremony = grains.GetGrain<ICeremonyGrain>(Convert.ToHexStringLower(task.TaskId));
        var steps = 2 * contributors.Count + 2;
        void Report(string what, int done) => progress?.Report(new("setup", what, done, steps));
        if (settings.DevSetup)
        {
            Report("development key (UNSAFE: --dev-setup)", 0);
            await retry(() => ceremony.Begin(new CeremonyPlan { Task = task, Source = CeremonyTranscript.DevelopmentSource }));
            return await Finish(ceremony, retry);
        }

        var accuracy = TaskContext.For(task).Task;
        var power = Groth16Setup.DomainPower(accuracy.Constraints, accuracy.CommittedCount);
        var cache = new Phase1Cache(settings.CacheDirectory);
        if (settings.PtauPath is { } path)
        {
            Report($"phase 1 from the public file {path}", 0);
            var cid = content.Put(File.ReadAllBytes(path)).ToString();
            await retry(() => ceremony.Begin(new CeremonyPlan { Task = task, Source = CeremonyTranscript.PublicSource, PtauCid = cid }));
        }
        else if (cache.TryLoad(power) is { } cached)
        {
            Report($"phase 1 of the members' earlier ceremony ({cache.Directory})", contributors.Count + 1);
            var cid = content.Put(cached.Ptau).ToString();
            var circuit = CircuitBytes(task);
            var initial = cache.TryLoadInitialKey(cached.Ptau, circuit) is { } key ? content.Put(key).ToString() : "";
            await retry(() => ceremony.Begin(new CeremonyPlan
            {
                Task = task, Source = CeremonyTranscript.MembersSource, PtauCid = cid, Phase1Transcript = cached.Transcript, InitialKeyCid = initial,
            }));
            var result = await Finish(ceremony, retry, phase2: contributors, report: Report);
            if (initial.Length == 0)
                await KeepInitialKey(ceremony, cache, cached.Ptau, circuit, retry);
            return result;
        }
        else
        {
            await retry(() => ceremony.Begin(new CeremonyPlan { Task = task, Source = CeremonyTranscript.MembersSource }));
            for (var i = 0; i < contributors.Count; i++)
            {
                var verdict = await Contribute(ceremony, contributors[i], 1, retry);
                Report($"phase 1, {contributors[i]}: {(verdict.Accepted ? "accepted" : "REJECTED: " + verdict.Check)}", i + 1);
            }
            var beacon = settings.Beacon ?? SHA256.HashData(await CurrentTranscriptSeed(ceremony, retry));
            string prepared = "";
            await retry(async () => prepared = await ceremony.SealPhase1(beacon, BeaconExponent));
            Report("phase 1 sealed with the beacon and prepared", contributors.Count + 1);
            var result = await Finish(ceremony, retry, phase2: contributors, report: Report);
            var preparedBytes = content.Get(Cid.Parse(prepared));
            cache.Store(power, preparedBytes, content.Get(Cid.Parse(result.TranscriptCid)));
            await KeepInitialKey(ceremony, cache, preparedBytes, CircuitBytes(task), retry);
            return result;
        }
        return await Finish(ceremony, retry, phase2: contributors, report: Report);
    }

    async Task KeepInitialKey(ICeremonyGrain ceremony, Phase1Cache cache, byte[] ptau, byte[] circuit, Func<Func<Task>, Task> retry)
    {
        var cid = "";
        await retry(async () => cid = await ceremony.InitialKey());
        if (cid.Length > 0)
            cache.StoreInitialKey(ptau, circuit, content.Get(Cid.Parse(cid)));
    }

    static byte[] CircuitBytes(TaskSpec task)
    {
        using var stream = new MemoryStream();
        ZkPot.Snark.Formats.R1csWriter.Write(TaskContext.For(task).Task.Constraints, stream);
        return stream.ToArray();
    }

    /// <summary>The phase-1 file the beacon will extend: its hash stands in for a public beacon value fixed in advance.</summary>
    async Task<byte[]> CurrentTranscriptSeed(ICeremonyGrain ceremony, Func<Func<Task>, Task> retry)
    {
        var cid = "";
        await retry(async () => cid = await ceremony.CurrentFile());
        return Cid.Parse(cid).Digest.ToArray();
    }

    async Task<ContributionVerdict> Contribute(ICeremonyGrain ceremony, string contributor, int phase, Func<Func<Task>, Task> retry)
    {
        ContributionVerdict verdict = new();
        await retry(async () =>
        {
            var input = await ceremony.CurrentFile();
            var (where, store) = contributorOf?.Invoke(contributor) ?? (grains, content);
            if (store != content) store.Put(content.Get(Cid.Parse(input)));
            var contributorGrain = where.GetGrain<IContributorGrain>(contributor);
            var output = phase == 1 ? await contributorGrain.ContributePhase1(input) : await contributorGrain.ContributePhase2(input);
            if (store != content) content.Put(store.Get(Cid.Parse(output)));
            verdict = await ceremony.Submit(contributor, output);
        });
        return verdict;
    }

    async Task<CeremonyResult> Finish(ICeremonyGrain ceremony, Func<Func<Task>, Task> retry, IReadOnlyList<string>? phase2 = null,
        Action<string, int>? report = null)
    {
        for (var i = 0; i < (phase2?.Count ?? 0); i++)
        {
            var verdict = await Contribute(ceremony, phase2![i], 2, retry);
            report?.Invoke($"phase 2, {phase2[i]}: {(verdict.Accepted ? "accepted" : "REJECTED: " + verdict.Check)}", phase2.Count + 2 + i);
        }
        CeremonyResult result = new();
        await retry(async () => result = await ceremony.Finish());
        report?.Invoke("key verified against the powers of tau", 2 * (phase2?.Count ?? 0) + 2);
        return result;
    }
}
