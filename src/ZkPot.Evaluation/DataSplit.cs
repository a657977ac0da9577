using System.Globalization;
using ZkPot.Learning;

namespace ZkPot.Evaluation;

/// <summary>How the training set is dealt to participants: IID, or label-skewed by a Dirichlet(alpha) draw per class.</summary>
public sealed record DataSplit(string Name, double? Alpha)
{
    public static readonly DataSplit Iid = new("iid", null);

    public static readonly IReadOnlyList<DataSplit> Defaults = [Iid, Dirichlet(0.1), Dirichlet(0.5), Dirichlet(1.0)];

    public static DataSplit Dirichlet(double alpha) => new($"dir-{alpha.ToString("0.0##", CultureInfo.InvariantCulture)}", alpha);

    /// <summary>"iid" or "dir-ALPHA" (ALPHA positive); ArgumentException names --splits otherwise.</summary>
    public static DataSplit Parse(string text)
    {
        if (text == "iid") return Iid;
        if (text.StartsWith("dir-", StringComparison.Ordinal) &&
            double.TryParse(text.AsSpan(4), NumberStyles.Float, CultureInfo.InvariantCulture, out double alpha) && alpha > 0 && double.IsFinite(alpha))
            return Dirichlet(alpha);
        throw new ArgumentException($"--splits: '{text}' is neither iid nor dir-ALPHA with ALPHA > 0 (for example dir-0.5)");
    }

    /// <summary>Each participant's training indices, at most <paramref name="cap"/> of them (the first of its ascending share).</summary>
    public int[][] Shards(Dataset train, int participants, long seed, int cap)
    {
        var shards = Alpha is { } a ? Partitioner.DirichletIndices(train.Labels, participants, a, seed) : Partitioner.IidIndices(train.Count, participants, seed);
        return shards.Select(s => s.Length <= cap ? s : s[..cap]).ToArray();
    }
}
