namespace ZkPot.Learning;

/// <summary>The fixed public test batch of a task: samples drawn without replacement from the test set by a public seed.</summary>
public static class TestBatch
{
    /// <summary>
    /// <paramref name="count"/> distinct indices of 0..setSize-1 chosen by seed (a partial Fisher–Yates shuffle),
    /// in the order drawn. The same seed gives the same batch on every node.
    /// </summary>
    public static int[] SelectIndices(int setSize, int count, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(setSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (count > setSize)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Test batch of {count} samples asked from a set of {setSize}.");
        }
        var pool = new int[setSize];
        for (int i = 0; i < pool.Length; i++)
        {
            pool[i] = i;
        }
        var random = new DeterministicRandom(seed);
        for (int k = 0; k < count; k++)
        {
            int j = k + random.NextInt(setSize - k);
            (pool[k], pool[j]) = (pool[j], pool[k]);
        }
        return pool[..count];
    }

    /// <summary>The batch itself: the samples of <paramref name="testSet"/> at <see cref="SelectIndices"/>.</summary>
    public static Dataset Select(Dataset testSet, int count, long seed)
    {
        ArgumentNullException.ThrowIfNull(testSet);
        return testSet.Subset(SelectIndices(testSet.Count, count, seed));
    }
}
