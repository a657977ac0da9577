using System.Diagnostics;
using System.Security.Cryptography;
using ZkPot.Circuits;
using ZkPot.Grains;
using ZkPot.Grains.Adversary;
using ZkPot.Grains.Services;
using ZkPot.Learning;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Evaluation.Systems;

/// <summary>
/// What ZKPoT's cryptography costs and decides at the evaluated task's size, measured once per evaluation with the
/// project's own code: a development key for the task's circuit, one real Groth16 proof of a trained participant's
/// model, the validators' proof check (<see cref="Groth16ProofVerifier"/>) on that claim and on each lie of the proof
/// attacks (an inflated count, random proof bytes, another participant's proof re-signed), and the validators' check of
/// an aggregate (<see cref="CommittedAggregateChecker"/>) on an honest leader's sum and on a substituting leader's
/// (<see cref="ByzantineLeaders.Substitute"/>). The rounds then charge these costs per claim and apply these verdicts to
/// the same lies (docs/EVALUATION.md, "What is real").
/// </summary>
public sealed record ZkpotCalibration(
    int Constraints, double KeySetupSeconds, double ProveCpuSeconds, double ProveWallSeconds, double VerifyCpuSeconds,
    double AggregateCheckCpuSeconds, int ClaimBytes, int EnvelopeBytes, int SumBytes, IReadOnlyDictionary<string, bool> Accepted)
{
    public const string Honest = "honest";

    /// <summary>Whether validators accept a claim made under <paramref name="attack"/> (only the proof attacks lie in the claim).</summary>
    public bool ClaimAccepted(AttackKind attack) => attack switch
    {
        AttackKind.InflatedClaim => Accepted["inflated-claim"],
        AttackKind.ForgedProof => Accepted["forged-proof"],
        AttackKind.ReplayedProof => Accepted["replayed-proof"],
        _ => Accepted[Honest],
    };

    /// <summary>Whether validators accept the aggregate a leader proposes under <paramref name="attack"/>.</summary>
    public bool ProposalAccepted(AttackKind attack) =>
        attack == AttackKind.LeaderSubstitute ? Accepted["leader-substitute"] : Accepted[Honest + "-aggregate"];

    /// <summary>Runs the measurements for <paramref name="task"/>, with <paramref name="model"/> as the honest participant's trained model.</summary>
    public static ZkpotCalibration Measure(TaskContext task, FloatMlp model)
    {
        var accepted = new Dictionary<string, bool>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var key = task.Task.DevelopmentKey();
        double keySeconds = clock.Elapsed.TotalSeconds;
        var store = new InMemoryContentStore();
        string keyCid;
        using (var bytes = new MemoryStream())
        {
            ZkPot.Snark.Formats.ZKeyWriter.Write(key, bytes);
            keyCid = store.Put(bytes.ToArray()).ToString();
        }
        var verifier = new Groth16ProofVerifier(TaskContext.VerifyingKey(store, keyCid), task.Spec.TestSamples);
        var commitmentKey = task.CommitmentKey(store, keyCid);

        var honest = NodeIdentity.FromSeed(SHA256.HashData("zkpot-evaluate/honest"u8));
        var other = NodeIdentity.FromSeed(SHA256.HashData("zkpot-evaluate/replayer"u8));
        var quantized = task.Quantize(model);
        var mask = Fr.Random();
        double cpu0 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        clock.Restart();
        var (proof, statement) = task.Task.Prove(key, quantized, mask, 1, AccuracyStatement.IdToField(honest.Id.ToArray()));
        double proveWall = clock.Elapsed.TotalSeconds;
        double proveCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - cpu0;
        byte[] proofBytes = ProofCodec.Encode(proof);
        var commitment = ProofCodec.PointId(proof.Commitment!.D);
        var claim = AccuracyClaim.Create(task.TaskId, 1, honest, commitment, statement.Correct, task.Spec.TestSamples, proofBytes);

        var (ok, verifySeconds) = Run.ThreadCpu.Measure(() => verifier.Verify(claim));
        accepted[Honest] = ok;
        int inflated = Math.Min(task.Spec.TestSamples, statement.Correct + Math.Max(1, task.Spec.TestSamples / 2));
        accepted["inflated-claim"] = inflated != statement.Correct &&
            verifier.Verify(AccuracyClaim.Create(task.TaskId, 1, honest, commitment, inflated, task.Spec.TestSamples, proofBytes));
        accepted["forged-proof"] = verifier.Verify(AccuracyClaim.Create(task.TaskId, 1, other, commitment, task.Spec.TestSamples,
            task.Spec.TestSamples, RandomNumberGenerator.GetBytes(ProofCodec.Size)));
        accepted["replayed-proof"] = verifier.Verify(AccuracyClaim.Create(task.TaskId, 1, other, commitment, statement.Correct, task.Spec.TestSamples, proofBytes));

        // The aggregate checks: genesis, then a block of this one claim, made by an honest and by a substituting leader.
        var genesis = GlobalModel.Genesis(store, task, commitmentKey, default).Header;
        var openings = new Dictionary<NodeId, ModelOpening> { [honest.Id] = ModelOpening.Of(quantized, mask) };
        var checker = new CommittedAggregateChecker(store, task, commitmentKey);
        var honestSum = CommittedAggregate.Make(store, task, genesis, honest.Id, [claim], openings)!.Value;
        var (problem, checkSeconds) = Run.ThreadCpu.Measure(() => checker.Check(genesis, HeaderOf(task, honestSum, honest.Id), [claim]));
        accepted[Honest + "-aggregate"] = problem is null;
        var substitute = ByzantineLeaders.Substitute(store, task, genesis, GlobalModel.LoadSum(store, task, genesis.ModelCid), [claim], openings, honest.Id)!.Value;
        accepted["leader-substitute"] = checker.Check(genesis, HeaderOf(task, substitute, honest.Id), [claim]) is null;

        int envelope = UpdateEnvelope.Seal(other.AgreementPublicKey, task.TaskId, 1, honest.Id, openings[honest.Id].Encode()).Length;
        return new ZkpotCalibration(task.Task.Constraints.NConstraints, keySeconds, proveCpu, proveWall, verifySeconds, checkSeconds,
            claim.Encode().Length, envelope, ModelSum.Of([openings[honest.Id]]).Encode().Length, accepted);
    }

    static BlockHeader HeaderOf(TaskContext task, Ledger.Consensus.AggregateResult aggregate, NodeId leader) =>
        new(task.TaskId, 1, default, 1, 0, default, aggregate.ModelCid, aggregate.ModelCommitment, aggregate.GlobalCorrect, aggregate.GlobalSamples, leader);
}
