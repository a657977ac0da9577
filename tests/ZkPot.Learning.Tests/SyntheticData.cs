namespace ZkPot.Learning.Tests;

/// <summary>Small labelled image sets built in memory, for tests that do not need real images.</summary>
internal static class SyntheticData
{
    /// <summary>Random images whose labels follow <paramref name="label"/>; a pixel band per class makes them learnable.</summary>
    public static Dataset Create(int count, int seed, Func<int, byte>? label = null)
    {
        var random = new Random(seed);
        var images = new byte[count][];
        var labels = new byte[count];
        for (int n = 0; n < count; n++)
        {
            labels[n] = label?.Invoke(n) ?? (byte)random.Next(10);
            images[n] = new byte[784];
            for (int i = 0; i < 784; i++)
            {
                images[n][i] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)0;
            }
            for (int i = labels[n] * 70; i < labels[n] * 70 + 70; i++)
            {
                images[n][i] = 255;
            }
        }
        return new Dataset(images, labels);
    }

    public static byte[] RandomImage(Random random)
    {
        var image = new byte[784];
        random.NextBytes(image);
        return image;
    }
}
