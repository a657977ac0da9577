using ZkPot.Grains.Services;
using ZkPot.Grains.State;
using ZkPot.Ledger.Storage;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Setup;

namespace ZkPot.Grains.Grains;

/// <summary>Runs a task's phase-2 ceremony: a development phase-1 key, then one contribution per contributor, then the chain verified; keys live in the content store.</summary>
public sealed class CeremonyGrain([PersistentState("ceremony", "zkpot")] IPersistentState<CeremonyState> state, IContentStore store) : Grain, ICeremonyGrain
{
    public async Task<string> Begin(TaskSpec task)
    {
        if (state.State.CurrentCid.Length > 0) return state.State.CurrentCid;
        var context = TaskContext.For(task);
        var zkey = await ComputeScheduler.Run(() => context.Task.DevelopmentKey());
        state.State.Task = task;
        state.State.CurrentCid = Store(zkey);
        await state.WriteStateAsync();
        return state.State.CurrentCid;
    }

    public async Task<string> Contribute(string contributor)
    {
        if (state.State.CurrentCid.Length == 0) throw new InvalidOperationException("the ceremony has not begun");
        // A retried or re-run contribution is a no-op that returns the current key, even after the ceremony closed.
        if (state.State.Contributors.Contains(contributor)) return state.State.CurrentCid;
        if (state.State.FinalCid.Length > 0) throw new InvalidOperationException("the ceremony is finished; no more contributions");
        var current = TaskContext.Key(store, state.State.CurrentCid);
        string name = contributor.Length > Phase2Ceremony.MaxNameLength ? contributor[..Phase2Ceremony.MaxNameLength] : contributor;
        var next = await ComputeScheduler.Run(() => Phase2Ceremony.Contribute(current, name));
        state.State.CurrentCid = Store(next);
        state.State.Contributors.Add(contributor);
        await state.WriteStateAsync();
        return state.State.CurrentCid;
    }

    public async Task<string> Finish()
    {
        if (state.State.FinalCid.Length > 0) return state.State.FinalCid;
        if (state.State.Task is null) throw new InvalidOperationException("the ceremony has not begun");
        var context = TaskContext.For(state.State.Task);
        var zkey = TaskContext.Key(store, state.State.CurrentCid);
        var verdict = await ComputeScheduler.Run(() => SetupVerifier.VerifyChain(context.Task.Constraints, zkey));
        if (!verdict.IsValid) throw new InvalidOperationException($"ceremony key fails check '{verdict.FirstFailure!.Name}': {verdict.FirstFailure.Detail}");
        if (verdict.Contributions.Count != state.State.Contributors.Count + 1)
            throw new InvalidOperationException($"key has {verdict.Contributions.Count} contributions, expected {state.State.Contributors.Count + 1} (phase 1 and one per contributor)");
        state.State.FinalCid = state.State.CurrentCid;
        await state.WriteStateAsync();
        return state.State.FinalCid;
    }

    string Store(ZKey zkey)
    {
        using var stream = new MemoryStream();
        ZKeyWriter.Write(zkey, stream);
        return store.Put(stream.ToArray()).ToString();
    }
}
