using ZkPot.Grains;
using ZkPot.Learning;

namespace ZkPot.Evaluation.Systems;

/// <summary>One participant's update for a round: its parameters, the attack that made them, its shard size.</summary>
public sealed record Submission(int Participant, AttackKind Attack, float[] Parameters, int Samples)
{
    public bool Byzantine => Attack != AttackKind.None;

    /// <summary>
    /// True when the update itself is the lie (label flip, sign flip, noise, poison). The claim and leader attacks
    /// submit an honestly trained update and lie elsewhere (the proof, the block), so their update is no harm when used.
    /// </summary>
    public bool Poisoned => Attack is AttackKind.LabelFlip or AttackKind.SignFlip or AttackKind.NoiseUpdate or AttackKind.PoisonScale;
}

/// <summary>
/// What a system's round decided and cost: committed or not, Byzantine lies in the new model (poisoned updates it
/// averaged, or a substituted model it published; null where the rule has no such notion: coordinate-wise rules take a
/// part of every update), CPU seconds of one validator (or the
/// aggregating server), CPU seconds each participant spends beyond training (proof, puzzle), bytes one participant
/// sends on average, and the views (leaders) the round took.
/// </summary>
public sealed record RoundOutcome(bool Committed, int? ByzantineIncluded, double ValidatorCpuSeconds, double ParticipantExtraCpuSeconds,
                                  double BytesPerParticipant, int Views);

/// <summary>A learning system under evaluation: its aggregation (and leader) rule over a round's submissions.</summary>
public interface IEvaluatedSystem
{
    /// <summary>The global model participants train from in the next round.</summary>
    FloatMlp TrainingStart { get; }

    RoundOutcome Round(long round, IReadOnlyList<Submission> submissions);

    /// <summary>The global model's accuracy on <paramref name="test"/>, in the form the system publishes it.</summary>
    double TestAccuracy(Dataset test);

    /// <summary>What a validator (or the aggregating server) holds that bears on <paramref name="submission"/>'s training data.</summary>
    IFloatModel ValidatorView(Submission submission);
}
