using System.Security.Cryptography;
using ZkPot.Circuits;
using ZkPot.Grains;
using ZkPot.Learning;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Evaluation.Systems;

/// <summary>
/// ZKPoT's round with this project's rules: each participant quantizes its update in the task's public format and
/// claims its count on the public batch (a signed <see cref="AccuracyClaim"/>); validators keep the claims whose proof
/// checks (verdicts from <see cref="ZkpotCalibration"/>); the ranking is <see cref="ClaimRanking"/>, view v is led by the
/// v-th ranked claimant, whose block holds <see cref="AggregationRule.ForLeader"/> (at least a quorum of claims) and
/// averages <see cref="AggregationRule.Included"/> in the integer domain (<see cref="ModelSum"/>); a leader whose
/// aggregate fails the validators' check loses its view. The global model is the int8 mean, as the chain publishes it.
/// </summary>
sealed class ZkpotSystem : IEvaluatedSystem
{
    readonly EvaluationContext _context;
    readonly NodeIdentity[] _identities;
    QuantizedMlp _global;

    public ZkpotSystem(EvaluationContext context)
    {
        _context = context;
        _global = context.Task.Quantize(context.InitialModel());
        _identities = Enumerable.Range(0, context.Settings.Participants)
            .Select(i => NodeIdentity.FromSeed(SHA256.HashData(BitConverter.GetBytes(i)))).ToArray();
    }

    public FloatMlp TrainingStart => _global.Dequantize(_context.Task.Format);

    public RoundOutcome Round(long round, IReadOnlyList<Submission> submissions)
    {
        var calibration = _context.Calibration;
        int n = _context.Settings.Participants, samples = _context.Settings.TestSamples;
        var previous = new BlockHeader(_context.Task.TaskId, round - 1, default, round - 1, 0, default, default,
                                       default, _global.CountCorrect(_context.PublicBatch), samples, default);
        var models = new Dictionary<NodeId, (Submission Submission, QuantizedMlp Model)>();
        var verified = new List<AccuracyClaim>();
        byte[] proof = new byte[ProofCodecSize];
        foreach (var s in submissions)
        {
            var model = _context.Task.Quantize(new FloatMlp(_context.Settings.Hidden, s.Parameters));
            var identity = _identities[s.Participant];
            models[identity.Id] = (s, model);
            if (!calibration.ClaimAccepted(s.Attack)) continue;
            verified.Add(AccuracyClaim.Create(_context.Task.TaskId, round, identity, default, model.CountCorrect(_context.PublicBatch), samples, proof));
        }
        // Every validator checks every claim's proof, and the aggregate of each view's proposal.
        double validatorCpu = submissions.Count * calibration.VerifyCpuSeconds;
        double proveCpu = calibration.ProveCpuSeconds;
        // Claims go to every other validator; the opening is sealed to the leader; the leader publishes the sum.
        double bytes = (n - 1) * (double)calibration.ClaimBytes + calibration.EnvelopeBytes + (n - 1) * (double)calibration.SumBytes / n;
        var ranked = ClaimRanking.Rank(verified, round);
        int quorum = n - (n - 1) / 3;
        for (int view = 0; view < ranked.Count; view++)
        {
            var leader = ranked[view].Participant;
            validatorCpu += calibration.AggregateCheckCpuSeconds;
            var block = AggregationRule.ForLeader(ranked.OrderBy(c => c.Participant), leader, previous);
            if (block is null || block.Count < quorum) continue;
            if (!calibration.ProposalAccepted(models[leader].Submission.Attack)) continue;
            var included = AggregationRule.Included(block, previous);
            var sum = ModelSum.Of(included.Select(c => ModelOpening.Of(models[c.Participant].Model, Fr.Zero)).ToList());
            _global = sum.Mean(_context.Settings.Hidden, _context.Task.Format.M1);
            return new(true, included.Count(c => models[c.Participant].Submission.Poisoned), validatorCpu, proveCpu, bytes, view);
        }
        return new(false, 0, validatorCpu, proveCpu, bytes, ranked.Count);
    }

    const int ProofCodecSize = ZkPot.Grains.Services.ProofCodec.Size;

    public double TestAccuracy(Dataset test) => _global.Accuracy(test);

    /// <summary>A validator that does not lead holds the claims (a hiding commitment and a count) and the published sum: the global model.</summary>
    public IFloatModel ValidatorView(Submission submission) => _global.Dequantize(_context.Task.Format);

    /// <summary>The round's leader opens the sealed updates: it holds the participant's own int8 model.</summary>
    public IFloatModel LeaderView(Submission submission) =>
        _context.Task.Quantize(new FloatMlp(_context.Settings.Hidden, submission.Parameters)).Dequantize(_context.Task.Format);
}
