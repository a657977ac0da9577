using System.Security.Cryptography;
using ZkPot.Grains.Services;
using ZkPot.Grains.State;
using ZkPot.Ledger.Storage;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Setup;

namespace ZkPot.Grains.Grains;

/// <summary>
/// Coordinates a task's setup (see <see cref="ICeremonyGrain"/>): it holds no secret and only checks and chains what
/// contributors send. Phase 1 comes from the members (new file, their contributions, a beacon, prepare), from a public
/// prepared ptau, or, only when asked by name, from a development key; phase 2 is always the members'. Files live in
/// the content store; the state keeps their ids and the transcript, so a restarted silo resumes where it was.
/// </summary>
public sealed class CeremonyGrain([PersistentState("ceremony", "zkpot")] IPersistentState<CeremonyState> state, IContentStore store) : Grain, ICeremonyGrain
{
    CeremonyState S => state.State;

    CeremonyTranscript Transcript => CeremonyTranscript.FromJson(S.Transcript);

    public async Task Begin(CeremonyPlan plan)
    {
        if (S.Plan is not null)
        {
            if (S.Plan.Source != plan.Source || S.Plan.PtauCid != plan.PtauCid || !S.Plan.Task.TaskId.AsSpan().SequenceEqual(plan.Task.TaskId))
                throw new InvalidOperationException("this task's ceremony already began with another plan");
            return;
        }
        var context = TaskContext.For(plan.Task);
        var domainPower = Groth16Setup.DomainPower(context.Task.Constraints, context.Task.CommittedCount);
        var transcript = new CeremonyTranscript { TaskId = Convert.ToHexStringLower(plan.Task.TaskId), Source = plan.Source, Power = domainPower };
        switch (plan.Source)
        {
            case CeremonyTranscript.DevelopmentSource:
                var devKey = await ComputeScheduler.Run(() => context.Task.DevelopmentKey());
                S.CurrentCid = Put(devKey);
                S.Phase = 2;
                break;
            case CeremonyTranscript.PublicSource:
            case CeremonyTranscript.MembersSource when plan.PtauCid.Length > 0:
                var ptauBytes = store.Get(Cid.Parse(plan.PtauCid));
                var initialBytes = plan.InitialKeyCid.Length > 0 && store.TryGet(Cid.Parse(plan.InitialKeyCid), out var cached) ? cached : null;
                // The members' own earlier file was fully verified when it was made; a public one is checked for this
                // domain now. Finish checks the final key against either with every check.
                var fullCheck = plan.Source == CeremonyTranscript.PublicSource;
                var (initial, records) = await ComputeScheduler.Run(() => FromPrepared(ptauBytes, initialBytes, context, domainPower, fullCheck));
                transcript.Power = records.Power;
                if (plan.Source == CeremonyTranscript.MembersSource)
                {
                    var earlier = CeremonyTranscript.FromJson(plan.Phase1Transcript);
                    if (!earlier.Phase1.Select(c => c.Hash).Append(earlier.Beacon?.Hash).SequenceEqual(records.Phase1.Select(c => c.Hash)))
                        throw new InvalidDataException("the earlier phase-1 transcript does not list the contributions the file records");
                    transcript.Phase1.AddRange(earlier.Phase1);
                    transcript.Beacon = earlier.Beacon;
                }
                else
                {
                    transcript.Phase1.AddRange(records.Phase1);
                }
                transcript.PreparedPtau = FileOf(plan.PtauCid, ptauBytes);
                S.PreparedCid = plan.PtauCid;
                S.CurrentCid = Put(initial);
                S.InitialCid = S.CurrentCid;
                S.Phase = 2;
                break;
            case CeremonyTranscript.MembersSource:
                var fresh = await ComputeScheduler.Run(() => WithTemporaryFile(path => Phase1Ceremony.New(domainPower, path)));
                S.CurrentCid = store.Put(fresh).ToString();
                S.Phase = 1;
                break;
            default:
                throw new ArgumentException($"unknown ceremony source '{plan.Source}'");
        }
        S.Plan = plan;
        S.Transcript = transcript.ToJson();
        await state.WriteStateAsync();
    }

    /// <summary>
    /// The initial key from a prepared file (or the earlier run's copy of it, which Finish then checks), after checking
    /// the file's contribution records and, with <paramref name="fullCheck"/>, the series the circuit's domain uses.
    /// </summary>
    static (ZKey Initial, CeremonyTranscript Records) FromPrepared(byte[] bytes, byte[]? initialBytes, TaskContext context, int domainPower, bool fullCheck)
    {
        using var ptau = PowersOfTau.Open(new MemoryStream(bytes, writable: false), "prepared ptau");
        var report = fullCheck ? Phase1Verifier.VerifyForDomain(ptau, domainPower) : Phase1Verifier.VerifyRecords(ptau);
        if (report.FirstFailure is { } failure)
            throw new InvalidDataException($"the phase-1 file fails check '{failure.Name}': {failure.Detail}");
        var records = new CeremonyTranscript { Power = ptau.Power };
        foreach (var c in ptau.Contributions)
            records.Phase1.Add(new TranscriptContribution("(public ceremony)", c.Name ?? "", Convert.ToHexStringLower(c.ResponseHash()), ""));
        var circuit = context.Task.Constraints;
        if (initialBytes is not null)
        {
            var candidate = ZKeyReader.Read(new MemoryStream(initialBytes, writable: false), "initial key");
            if (candidate.Header.NVars == circuit.NWires && candidate.Header.NPublic == circuit.NPublic && candidate.Contributions.Items.Count == 0
                && candidate.Commitment?.Count == context.Task.CommittedCount)
                return (candidate, records);
        }
        return (Groth16Setup.FromPowersOfTau(circuit, ptau, checkPhase1: fullCheck, committed: context.Task.CommittedCount), records);
    }

    /// <summary>The content id of the initial key phase 2 started from (for a later run to reuse).</summary>
    public Task<string> InitialKey() => Task.FromResult(S.InitialCid);

    public Task<string> CurrentFile()
    {
        if (S.Plan is null) throw new InvalidOperationException("the ceremony has not begun");
        if (S.Phase is not (1 or 2)) throw new InvalidOperationException("the ceremony takes no more contributions");
        return Task.FromResult(S.CurrentCid);
    }

    public async Task<ContributionVerdict> Submit(string contributor, string cid)
    {
        if (S.Plan is null) throw new InvalidOperationException("the ceremony has not begun");
        var key = $"{S.Phase}/{contributor}";
        if (S.Heard.TryGetValue(key, out var heard)) return heard;
        if (S.Phase is not (1 or 2)) throw new InvalidOperationException("the ceremony takes no more contributions");
        if (S.Plan.Source == CeremonyTranscript.DevelopmentSource) throw new InvalidOperationException("a development setup takes no contributions");

        var previous = store.Get(Cid.Parse(S.CurrentCid));
        byte[] next;
        try { next = store.Get(Cid.Parse(cid)); }
        catch (Exception e) when (e is KeyNotFoundException or InvalidDataException or FormatException) { next = []; }
        var phase = S.Phase;
        var verdict = await ComputeScheduler.Run(() => phase == 1 ? CheckPhase1(previous, next) : CheckPhase2(previous, next));
        var transcript = Transcript;
        if (verdict.Accepted)
        {
            var entry = new TranscriptContribution(contributor, NameOf(next, phase), verdict.Hash, cid);
            (phase == 1 ? transcript.Phase1 : transcript.Phase2).Add(entry);
            S.CurrentCid = cid;
        }
        else
        {
            transcript.Rejected.Add(new TranscriptRejection(phase, contributor, verdict.Check));
        }
        S.Heard[key] = verdict;
        S.Transcript = transcript.ToJson();
        await state.WriteStateAsync();
        return verdict;
    }

    static ContributionVerdict CheckPhase1(byte[] previous, byte[] next)
    {
        try
        {
            using var before = PowersOfTau.Open(new MemoryStream(previous, writable: false), "current ptau");
            using var after = PowersOfTau.Open(new MemoryStream(next, writable: false), "contributed ptau");
            if (Phase1Verifier.StepFailure(before, after) is { } failure)
                return new ContributionVerdict { Check = $"{failure.Name}: {failure.Detail}" };
            return new ContributionVerdict { Accepted = true, Hash = Convert.ToHexStringLower(after.Contributions[^1].ResponseHash()) };
        }
        catch (InvalidDataException e)
        {
            return new ContributionVerdict { Check = $"file: {e.Message}" };
        }
    }

    static ContributionVerdict CheckPhase2(byte[] previous, byte[] next)
    {
        try
        {
            var before = ZKeyReader.Read(new MemoryStream(previous, writable: false), "current zkey");
            var after = ZKeyReader.Read(new MemoryStream(next, writable: false), "contributed zkey");
            if (SetupVerifier.StepFailure(before, after) is { } failure)
                return new ContributionVerdict { Check = $"{failure.Name}: {failure.Detail}" };
            return new ContributionVerdict { Accepted = true, Hash = Convert.ToHexStringLower(Phase2Ceremony.ContributionHash(after.Contributions.Items[^1])) };
        }
        catch (InvalidDataException e)
        {
            return new ContributionVerdict { Check = $"file: {e.Message}" };
        }
    }

    static string NameOf(byte[] file, int phase)
    {
        if (phase == 1)
        {
            using var ptau = PowersOfTau.Open(new MemoryStream(file, writable: false), "ptau");
            return ptau.Contributions[^1].Name ?? "";
        }
        return ZKeyReader.Read(new MemoryStream(file, writable: false), "zkey").Contributions.Items[^1].Name ?? "";
    }

    public async Task<string> SealPhase1(byte[] beacon, int iterationsExponent)
    {
        if (S.Plan is null) throw new InvalidOperationException("the ceremony has not begun");
        if (S.Phase != 1) return S.PreparedCid.Length > 0 ? S.PreparedCid : throw new InvalidOperationException("phase 1 is not the members' in this ceremony");
        var transcript = Transcript;
        if (transcript.Phase1.Count == 0) throw new InvalidOperationException("no phase-1 contribution was accepted: a beacon alone is known to everyone");
        var current = store.Get(Cid.Parse(S.CurrentCid));
        var context = TaskContext.For(S.Plan.Task);
        var (prepared, initial, beaconHash) = await ComputeScheduler.Run(() =>
        {
            using var ptau = PowersOfTau.Open(new MemoryStream(current, writable: false), "current ptau");
            PowersOfTauContribution? record = null;
            var beaconed = WithTemporaryFile(path => record = Phase1Ceremony.Beacon(ptau, path, "beacon", beacon, iterationsExponent));
            using var afterBeacon = PowersOfTau.Open(new MemoryStream(beaconed, writable: false), "beacon ptau");
            var preparedBytes = WithTemporaryFile(path => Phase1Preparer.Prepare(afterBeacon, path));
            using var preparedPtau = PowersOfTau.Open(new MemoryStream(preparedBytes, writable: false), "prepared ptau");
            return (preparedBytes, Groth16Setup.FromPowersOfTau(context.Task.Constraints, preparedPtau, committed: context.Task.CommittedCount), Convert.ToHexStringLower(record!.ResponseHash()));
        });
        S.PreparedCid = store.Put(prepared).ToString();
        transcript.Beacon = new TranscriptBeacon(Convert.ToHexStringLower(beacon), iterationsExponent, beaconHash);
        transcript.PreparedPtau = FileOf(S.PreparedCid, prepared);
        S.CurrentCid = Put(initial);
        S.InitialCid = S.CurrentCid;
        S.Phase = 2;
        S.Transcript = transcript.ToJson();
        await state.WriteStateAsync();
        return S.PreparedCid;
    }

    public async Task<CeremonyResult> Finish()
    {
        if (S.Result is { } done) return done;
        if (S.Plan is null) throw new InvalidOperationException("the ceremony has not begun");
        if (S.Phase != 2) throw new InvalidOperationException("phase 1 is not sealed yet");
        var transcript = Transcript;
        var zkeyBytes = store.Get(Cid.Parse(S.CurrentCid));
        var context = TaskContext.For(S.Plan.Task);
        var development = S.Plan.Source == CeremonyTranscript.DevelopmentSource;
        var ptauBytes = development ? null : store.Get(Cid.Parse(S.PreparedCid));
        var vkHash = await ComputeScheduler.Run(() =>
        {
            var zkey = ZKeyReader.Read(new MemoryStream(zkeyBytes, writable: false), "ceremony zkey");
            if (zkey.Commitment?.Count != context.Task.CommittedCount)
                throw new InvalidOperationException($"ceremony key commits to {zkey.Commitment?.Count ?? 0} wires, the accuracy circuit to {context.Task.CommittedCount}");
            using var ptau = ptauBytes is null ? null : PowersOfTau.Open(new MemoryStream(ptauBytes, writable: false), "prepared ptau");
            var verdict = SetupVerifier.VerifyChain(context.Task.Constraints, zkey, ptau);
            if (!verdict.IsValid)
                throw new InvalidOperationException($"ceremony key fails check '{verdict.FirstFailure!.Name}': {verdict.FirstFailure.Detail}");
            var skipped = verdict.Checks.FirstOrDefault(c => c.Outcome == SetupCheckOutcome.Skipped && !development);
            if (skipped is not null)
                throw new InvalidOperationException($"ceremony key check '{skipped.Name}' did not run: {skipped.Detail}");
            if (!development && zkey.Contributions.Items.Any(c => c.Name == Groth16Setup.DevelopmentContributionName))
                throw new InvalidOperationException("a development key reached a ceremony that is not a development setup");
            ZKeyExport.RequireUsable(zkey);
            return VerificationKeyHash(ZKeyExport.ToVerifyingKey(zkey));
        });
        transcript.Zkey = FileOf(S.CurrentCid, zkeyBytes);
        transcript.VerificationKeySha256 = vkHash;
        var json = transcript.ToJson();
        S.Transcript = json;
        S.Phase = 3;
        S.Result = new CeremonyResult
        {
            ZKeyCid = S.CurrentCid, TranscriptCid = store.Put(json).ToString(), TranscriptHash = CeremonyTranscript.Hash(json), PtauCid = S.PreparedCid,
        };
        await state.WriteStateAsync();
        return S.Result;
    }

    /// <summary>SHA-256 of the verifying key as snarkjs's verification_key.json writes it (what the chain export carries).</summary>
    public static string VerificationKeyHash(VerifyingKey vk)
    {
        var path = Path.Combine(Path.GetTempPath(), "zkpot-vk-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            ZkPot.Snark.Json.SnarkjsJson.WriteVerifyingKey(path, vk);
            return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    static TranscriptFile FileOf(string cid, byte[] bytes) => new(cid, Convert.ToHexStringLower(SHA256.HashData(bytes)));

    string Put(ZKey zkey)
    {
        using var stream = new MemoryStream();
        ZKeyWriter.Write(zkey, stream);
        return store.Put(stream.ToArray()).ToString();
    }

    /// <summary>Runs a writer that takes an output path and returns what it wrote (the ceremony code writes files atomically).</summary>
    internal static byte[] WithTemporaryFile(Action<string> write)
    {
        var path = Path.Combine(Path.GetTempPath(), "zkpot-ceremony-" + Guid.NewGuid().ToString("N"));
        try
        {
            write(path);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
