using ZkPot.Grains;
using ZkPot.Grains.Simulation;

namespace ZkPot.Evaluation;

/// <summary>One evaluation: the federation, the task, and which systems, attacks and data splits to run (every combination).</summary>
public sealed record EvaluationSettings
{
    /// <summary>The attacks the harness runs: every one that applies to all seven systems, from <see cref="AttackNames"/>.</summary>
    public static readonly IReadOnlyList<string> SupportedAttacks =
        ["none", "label-flip", "sign-flip", "noise-update", "poison-scale", "inflated-claim", "forged-proof", "replayed-proof", "leader-substitute"];

    public int Participants { get; init; } = 10;
    public int Byzantine { get; init; } = 3;
    public int Rounds { get; init; } = 10;
    public int Hidden { get; init; } = 8;
    public int TestSamples { get; init; } = TaskSpec.DefaultTestSamples;
    public int TrainSamples { get; init; } = 1000;
    public int LocalEpochs { get; init; } = 1;
    public float LearningRate { get; init; } = 0.01f;
    public long Seed { get; init; } = 1;
    public IReadOnlyList<SystemKind> Systems { get; init; } = Enum.GetValues<SystemKind>();
    public IReadOnlyList<string> Attacks { get; init; } = SupportedAttacks;
    public IReadOnlyList<DataSplit> Splits { get; init; } = DataSplit.Defaults;
    /// <summary>Members (and as many non-members) per honest participant in the membership-inference attack.</summary>
    public int MembershipSamples { get; init; } = 500;
    public string? DataDirectory { get; init; }
    /// <summary>Runs evaluated at once (each is single-threaded).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws ArgumentException naming the option (as the CLI spells it) that is out of range.</summary>
    public void Validate()
    {
        if (Participants < 2) throw new ArgumentException($"--participants must be at least 2, got {Participants}");
        if (Byzantine < 0 || Byzantine >= Participants) throw new ArgumentException($"--byzantine must be in [0, {Participants - 1}], got {Byzantine}");
        if (Rounds < 1) throw new ArgumentException($"--rounds must be at least 1, got {Rounds}");
        foreach (string a in Attacks)
        {
            if (!SupportedAttacks.Contains(a)) throw new ArgumentException($"--attacks: '{a}' is not one of {string.Join(", ", SupportedAttacks)}");
            if (a != "none" && Byzantine == 0) throw new ArgumentException($"--attacks {a} needs --byzantine above 0");
        }
        if (!Attacks.Contains("none")) throw new ArgumentException("--attacks must include none: every attack is compared with the honest run");
        if (Systems.Count == 0 || Splits.Count == 0) throw new ArgumentException("--systems and --splits must name at least one each");
    }

    /// <summary>The attack of participant i under <paramref name="attack"/>: the last f participants are the attackers, as in simulate.</summary>
    public AttackKind AttackOf(int participant, string attack) =>
        attack == "none" || participant < Participants - Byzantine ? AttackKind.None : AttackNames.ByName[attack];
}
