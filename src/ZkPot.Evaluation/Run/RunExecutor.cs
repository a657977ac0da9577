using ZkPot.Evaluation.Privacy;
using ZkPot.Evaluation.Systems;
using ZkPot.Grains;
using ZkPot.Learning;

namespace ZkPot.Evaluation.Run;

/// <summary>
/// Runs one system under one attack on one split, round after round, on the calling thread: every participant trains
/// from the system's global model on its shard (the attackers with the project's behaviours, as a Byzantine member's code
/// does), the system aggregates, and the new global model is scored on the whole test set. The seeds are the same for
/// every system, so runs differ only by their rule.
/// </summary>
static class RunExecutor
{
    public static RunResult Run(EvaluationContext context, SystemKind kind, string attack, DataSplit split)
    {
        var settings = context.Settings;
        var shards = context.Shards(split);
        var system = Create(context, kind, attack);
        var rounds = new List<RoundMetrics>();
        var last = new List<Submission>();
        for (int round = 1; round <= settings.Rounds; round++)
        {
            var start = system.TrainingStart;
            var submissions = new List<Submission>();
            var trainCpu = new List<double>();
            for (int i = 0; i < settings.Participants; i++)
            {
                if (shards[i].Length == 0) continue; // a participant the split left without data sends nothing
                var kindOf = settings.AttackOf(i, attack);
                var (parameters, cpu) = ThreadCpu.Measure(() => LocalUpdate(context, start, context.Data.Train.Subset(shards[i]), kindOf, round, i));
                submissions.Add(new Submission(i, kindOf, parameters, shards[i].Length));
                trainCpu.Add(cpu);
            }
            var outcome = system.Round(round, submissions);
            double participantCpu = trainCpu.DefaultIfEmpty(0).Average() + outcome.ParticipantExtraCpuSeconds;
            double commit = trainCpu.DefaultIfEmpty(0).Max() + outcome.ParticipantExtraCpuSeconds + outcome.ValidatorCpuSeconds;
            rounds.Add(new RoundMetrics(round, system.TestAccuracy(context.Data.Test), outcome.Committed, outcome.ByzantineIncluded,
                outcome.BytesPerParticipant, participantCpu, outcome.ValidatorCpuSeconds, commit, outcome.Views));
            last = submissions;
        }
        var honest = last.Where(s => !s.Byzantine).ToList();
        var zkpot = system as ZkpotSystem;
        var unseen = Membership(context, shards, honest, system.ValidatorView, Unseen);
        var others = Membership(context, shards, honest, system.ValidatorView, OthersSamples);
        var leader = zkpot is null ? null : new ViewPrivacy(Membership(context, shards, honest, zkpot.LeaderView, Unseen),
                                                            Membership(context, shards, honest, zkpot.LeaderView, OthersSamples));
        return new RunResult(SystemNames.NameOf(kind), attack, split.Name, rounds, new ViewPrivacy(unseen, others), leader);
    }

    static IEvaluatedSystem Create(EvaluationContext context, SystemKind kind, string attack) => kind switch
    {
        SystemKind.Zkpot => new ZkpotSystem(context),
        SystemKind.FedAvg => new FedAvgSystem(context),
        SystemKind.Pofl => new PoflSystem(context),
        SystemKind.Pow => new PowSystem(context, attack, context.Settings.Seed),
        _ => new RobustSystem(context, kind),
    };

    /// <summary>
    /// The parameters participant i submits: its behaviour's local update (label flip, sign flip x4, noise sigma 1, or
    /// honest training; a would-be leader trains three times as long), the poison's huge biases after it. Training that
    /// diverges from a wrecked global model leaves the participant with that model.
    /// </summary>
    static float[] LocalUpdate(EvaluationContext context, FloatMlp global, Dataset shard, AttackKind attack, int round, int participant)
    {
        IParticipantBehaviour behaviour = attack switch
        {
            AttackKind.LabelFlip => new LabelFlipBehaviour(),
            AttackKind.SignFlip => new SignFlipBehaviour(4f),
            AttackKind.NoiseUpdate => new GaussianNoiseBehaviour(1f),
            _ => new HonestBehaviour(),
        };
        int epochs = attack == AttackKind.LeaderSubstitute ? 3 * context.Settings.LocalEpochs : context.Settings.LocalEpochs;
        float[] parameters;
        try { parameters = behaviour.LocalUpdate(global, shard, context.TrainingOptions(round, participant, epochs)); }
        catch (InvalidOperationException) { parameters = (float[])global.Parameters.Clone(); }
        return attack == AttackKind.PoisonScale ? UpdateAttacks.HugeBiases(context.Settings.Hidden, parameters) : parameters;
    }

    /// <summary>
    /// The loss-threshold attack on each honest participant's view: members from its shard, non-members from
    /// <paramref name="nonMembers"/> (unseen test images, or other participants' training images, with their keys); the
    /// band of the mean counts the samples that several participants' attacks share once (<see cref="MembershipAdvantage.Mean"/>).
    /// </summary>
    static MembershipAdvantage Membership(EvaluationContext context, int[][] shards, IReadOnlyList<Submission> honest,
        Func<Submission, IFloatModel> view, Func<EvaluationContext, int[][], int, int, (Dataset Data, int[] Keys)> nonMembers)
    {
        var parts = new List<MembershipAdvantage>();
        var memberKeys = new List<IReadOnlyCollection<int>>();
        var otherKeys = new List<IReadOnlyCollection<int>>();
        foreach (var s in honest)
        {
            var (others, keys) = nonMembers(context, shards, s.Participant, Math.Min(shards[s.Participant].Length, context.Settings.MembershipSamples));
            int take = Math.Min(shards[s.Participant].Length, others.Count);
            if (take == 0) continue;
            var members = shards[s.Participant].AsSpan(0, take);
            parts.Add(LossThresholdAttack.Run(view(s), context.Data.Train.Subset(members), others.Take(take)));
            memberKeys.Add(members.ToArray());
            otherKeys.Add(keys[..take]);
        }
        return MembershipAdvantage.Mean(parts, memberKeys, otherKeys);
    }

    /// <summary>The first <paramref name="count"/> unseen test images: the same images for every participant.</summary>
    static (Dataset, int[]) Unseen(EvaluationContext context, int[][] shards, int participant, int count)
    {
        int take = Math.Min(count, context.NonMembers.Count);
        return (context.NonMembers.Take(take), Enumerable.Range(0, take).ToArray());
    }

    /// <summary>Training images of the other participants (drawn by the seed): what tells this participant's data from the federation's.</summary>
    static (Dataset, int[]) OthersSamples(EvaluationContext context, int[][] shards, int participant, int count)
    {
        var pool = shards.Where((_, i) => i != participant).SelectMany(x => x).ToArray();
        new DeterministicRandom(context.Settings.Seed + participant).Shuffle(pool.AsSpan());
        var drawn = pool[..Math.Min(count, pool.Length)];
        return (context.Data.Train.Subset(drawn), drawn);
    }
}
