using ZkPot.Learning;

namespace ZkPot.Evaluation.Privacy;

/// <summary>How well an attack told members from non-members: TPR - FPR, with the half-width of its 95 % band under chance.</summary>
public sealed record MembershipAdvantage(double Advantage, double TruePositiveRate, double FalsePositiveRate, double ChanceBand, int Members, int NonMembers)
{
    /// <summary>True when the advantage lies inside the 95 % band a coin would give on samples of these sizes.</summary>
    public bool AtChance => Math.Abs(Advantage) <= ChanceBand;

    /// <summary>
    /// The mean over several targets (one per honest participant), each target's result with the keys of the samples it
    /// scored (an image's index in its dataset). The targets' rates are averaged with equal weight; the band allows for
    /// samples shared between targets (every target's unseen non-members are the same images): each distinct sample's
    /// guesses are taken as fully correlated across the targets that scored it and independent of other samples', so
    /// the variance of the mean rate is at most the sum over distinct samples of (its total weight)^2 / 4. For
    /// disjoint samples of equal size this is the pooled band <see cref="Band"/>.
    /// </summary>
    public static MembershipAdvantage Mean(IReadOnlyList<MembershipAdvantage> parts, IReadOnlyList<IReadOnlyCollection<int>> members,
                                           IReadOnlyList<IReadOnlyCollection<int>> nonMembers)
    {
        if (parts.Count == 0) throw new ArgumentException("no membership results to average", nameof(parts));
        if (members.Count != parts.Count || nonMembers.Count != parts.Count) throw new ArgumentException("one set of member and non-member keys per result");
        double tpr = parts.Average(p => p.TruePositiveRate), fpr = parts.Average(p => p.FalsePositiveRate);
        double band = 1.96 * Math.Sqrt(MeanRateVariance(members) + MeanRateVariance(nonMembers));
        return new(parts.Average(p => p.Advantage), tpr, fpr, band, members.SelectMany(k => k).Distinct().Count(),
                   nonMembers.SelectMany(k => k).Distinct().Count());
    }

    /// <summary>The bound above on the variance of the equal-weight mean of per-target rates, each a coin (1/2) per sample.</summary>
    static double MeanRateVariance(IReadOnlyList<IReadOnlyCollection<int>> keys)
    {
        var weight = new Dictionary<int, double>();
        foreach (var target in keys)
        {
            if (target.Count == 0) throw new ArgumentException("a target without samples");
            foreach (int key in target) weight[key] = weight.GetValueOrDefault(key) + 1.0 / (keys.Count * target.Count);
        }
        return weight.Values.Sum(w => w * w) / 4;
    }

    /// <summary>1.96 standard errors of TPR - FPR when both rates are 1/2 (the widest case), for m members and k non-members.</summary>
    public static double Band(int members, int nonMembers) => 1.96 * Math.Sqrt(0.25 / members + 0.25 / nonMembers);
}

/// <summary>
/// The loss-threshold membership-inference attack of Yeom, Giacomelli, Fredrikson and Jha (IEEE CSF 2018): guess
/// "member" when the model's cross-entropy loss on a sample is at most the model's mean training loss (the threshold
/// that paper gives the attacker). Its advantage, Pr[guess member | member] - Pr[guess member | non-member], is 0 for a
/// view that carries nothing about the members and grows with overfitting.
/// </summary>
public static class LossThresholdAttack
{
    public static MembershipAdvantage Run(IFloatModel view, Dataset members, Dataset nonMembers)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (members.Count == 0 || nonMembers.Count == 0) throw new ArgumentException("the attack needs members and non-members");
        var memberLoss = Losses(view, members);
        var otherLoss = Losses(view, nonMembers);
        double threshold = memberLoss.Average();
        double tpr = memberLoss.Count(l => l <= threshold) / (double)memberLoss.Length;
        double fpr = otherLoss.Count(l => l <= threshold) / (double)otherLoss.Length;
        return new(tpr - fpr, tpr, fpr, MembershipAdvantage.Band(members.Count, nonMembers.Count), members.Count, nonMembers.Count);
    }

    /// <summary>Softmax cross-entropy of each sample, computed stably from the logits.</summary>
    public static double[] Losses(IFloatModel model, Dataset data)
    {
        var logits = new float[Dataset.ClassCount];
        var losses = new double[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            model.Logits(data.Image(i), logits);
            double max = logits.Max(), sum = 0;
            foreach (float z in logits) sum += Math.Exp(z - max);
            losses[i] = Math.Log(sum) + max - logits[data.Label(i)];
        }
        return losses;
    }
}
