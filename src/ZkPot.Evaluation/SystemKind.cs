namespace ZkPot.Evaluation;

/// <summary>The systems compared (docs/EVALUATION.md names the publication behind each).</summary>
public enum SystemKind { Zkpot, FedAvg, Median, TrimmedMean, Krum, Pofl, Pow }

public static class SystemNames
{
    public static readonly IReadOnlyDictionary<string, SystemKind> ByName = new Dictionary<string, SystemKind>(StringComparer.Ordinal)
    {
        ["zkpot"] = SystemKind.Zkpot, ["fedavg"] = SystemKind.FedAvg, ["median"] = SystemKind.Median, ["trimmed-mean"] = SystemKind.TrimmedMean,
        ["krum"] = SystemKind.Krum, ["pofl"] = SystemKind.Pofl, ["pow"] = SystemKind.Pow,
    };

    public static string NameOf(SystemKind kind) => ByName.First(p => p.Value == kind).Key;
}
