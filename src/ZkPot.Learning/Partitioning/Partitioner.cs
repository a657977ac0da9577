namespace ZkPot.Learning;

/// <summary>Splits a training set among federated participants, IID or label-skewed by a per-class Dirichlet draw.</summary>
/// <remarks>
/// Every split assigns each sample to exactly one participant. The index forms return, per participant,
/// ascending sample indices; the dataset forms apply them with <see cref="Dataset.Subset"/> (no pixel copies).
/// </remarks>
public static class Partitioner
{
    /// <summary>Shuffles 0..sampleCount-1 by seed and deals it into <paramref name="participants"/> shards whose sizes differ by at most one.</summary>
    public static int[][] IidIndices(int sampleCount, int participants, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(participants);
        var order = new int[sampleCount];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        new DeterministicRandom(seed).Shuffle(order.AsSpan());
        var shards = new int[participants][];
        int start = 0;
        for (int p = 0; p < participants; p++)
        {
            int size = sampleCount / participants + (p < sampleCount % participants ? 1 : 0);
            shards[p] = order.AsSpan(start, size).ToArray();
            Array.Sort(shards[p]);
            start += size;
        }
        return shards;
    }

    /// <summary>
    /// Label-skewed split: for each class c, proportions q ~ Dirichlet(alpha, ..., alpha) over the participants,
    /// and the class's samples (shuffled) are cut at the rounded cumulative proportions. Small alpha (0.1)
    /// gives each participant few classes; large alpha (100) approaches IID. A participant may receive no
    /// samples when alpha is small.
    /// </summary>
    public static int[][] DirichletIndices(ReadOnlySpan<byte> labels, int participants, double alpha, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(participants);
        if (!(alpha > 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Dirichlet alpha must be positive and finite.");
        }
        var random = new DeterministicRandom(seed);
        var byClass = new List<int>[Dataset.ClassCount];
        for (int c = 0; c < byClass.Length; c++)
        {
            byClass[c] = [];
        }
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= Dataset.ClassCount)
            {
                throw new ArgumentException($"Label {i} is {labels[i]}; expected 0..{Dataset.ClassCount - 1}.", nameof(labels));
            }
            byClass[labels[i]].Add(i);
        }
        var shards = new List<int>[participants];
        for (int p = 0; p < participants; p++)
        {
            shards[p] = [];
        }
        var proportions = new double[participants];
        foreach (List<int> members in byClass)
        {
            int[] classIndices = members.ToArray();
            random.Shuffle(classIndices.AsSpan());
            SampleDirichlet(random, alpha, proportions);
            double cumulative = 0;
            int start = 0;
            for (int p = 0; p < participants; p++)
            {
                cumulative += proportions[p];
                int end = p == participants - 1
                    ? classIndices.Length
                    : Math.Min(classIndices.Length, (int)Math.Round(cumulative * classIndices.Length, MidpointRounding.ToEven));
                end = Math.Max(end, start);
                shards[p].AddRange(classIndices.AsSpan(start, end - start));
                start = end;
            }
        }
        var result = new int[participants][];
        for (int p = 0; p < participants; p++)
        {
            result[p] = shards[p].ToArray();
            Array.Sort(result[p]);
        }
        return result;
    }

    /// <summary>IID split of a dataset into participant shards.</summary>
    public static Dataset[] Iid(Dataset data, int participants, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Apply(data, IidIndices(data.Count, participants, seed));
    }

    /// <summary>Dirichlet(alpha) label-skewed split of a dataset into participant shards.</summary>
    public static Dataset[] Dirichlet(Dataset data, int participants, double alpha, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Apply(data, DirichletIndices(data.Labels, participants, alpha, seed));
    }

    /// <summary>Fills <paramref name="proportions"/> with one Dirichlet(alpha, ..., alpha) draw, normalised in log space.</summary>
    private static void SampleDirichlet(DeterministicRandom random, double alpha, Span<double> proportions)
    {
        double max = double.NegativeInfinity;
        for (int p = 0; p < proportions.Length; p++)
        {
            proportions[p] = GammaSampler.SampleLog(random, alpha);
            max = Math.Max(max, proportions[p]);
        }
        double sum = 0;
        for (int p = 0; p < proportions.Length; p++)
        {
            proportions[p] = Math.Exp(proportions[p] - max);
            sum += proportions[p];
        }
        for (int p = 0; p < proportions.Length; p++)
        {
            proportions[p] /= sum;
        }
    }

    private static Dataset[] Apply(Dataset data, int[][] shards)
    {
        var result = new Dataset[shards.Length];
        for (int p = 0; p < shards.Length; p++)
        {
            result[p] = data.Subset(shards[p]);
        }
        return result;
    }
}
