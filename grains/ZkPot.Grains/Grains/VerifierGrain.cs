using System.Diagnostics;
using ZkPot.Grains.Services;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Grains;

/// <summary>Checks a claim's task and size, signature, and Groth16 proof against its own public inputs (so a proof moved to another participant or round fails).</summary>
[StatelessWorker]
public sealed class VerifierGrain(IContentStore store) : Grain, IVerifierGrain
{
    public Task<VerifyOutcome> Verify(byte[] claim, byte[] participantEd25519, TaskSpec task, string zkeyCid)
    {
        var clock = Stopwatch.StartNew();
        string verdict = Check(claim, participantEd25519, task, zkeyCid);
        double seconds = clock.Elapsed.TotalSeconds;
        ZkPotTelemetry.VerifyDuration.Record(seconds);
        if (verdict == "None") ZkPotTelemetry.ProofsVerified.Add(1);
        else ZkPotTelemetry.ProofsRejected.Add(1, new KeyValuePair<string, object?>("reason", ZkPotTelemetry.ReasonTag(verdict)));
        return Task.FromResult(new VerifyOutcome { Rejection = verdict, Seconds = seconds });
    }

    string Check(byte[] bytes, byte[] participantEd25519, TaskSpec task, string zkeyCid)
    {
        AccuracyClaim claim;
        try { claim = AccuracyClaim.Decode(bytes); }
        catch (Exception e) when (e is InvalidDataException or ArgumentException) { return "BadProof"; }
        if (claim.TaskId != new Hash32(task.TaskId) || claim.TestSamples != task.TestSamples) return "WrongTask";
        if (NodeId.FromPublicKey(participantEd25519) != claim.Participant || !claim.VerifySignature(participantEd25519, Ed25519Verifier.Instance))
            return "BadSignature";
        var verifier = new Groth16ProofVerifier(TaskContext.VerifyingKey(store, zkeyCid), task.TestSamples);
        return verifier.Verify(claim) ? "None" : "BadProof";
    }
}
