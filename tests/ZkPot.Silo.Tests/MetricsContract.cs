using ZkPot.TestSupport;

namespace ZkPot.Silo.Tests;

/// <summary>The rows of docs/METRICS.md's table: Prometheus name and instrument kind.</summary>
public static class MetricsContract
{
    public static IReadOnlyList<(string PrometheusName, string Kind)> Rows()
    {
        string file = Path.Combine(RepoPaths.Root, "docs", "METRICS.md");
        var rows = new List<(string, string)>();
        foreach (string line in File.ReadLines(file))
        {
            if (!line.StartsWith("| `zkpot.", StringComparison.Ordinal)) continue;
            string[] cells = line.Split('|', StringSplitOptions.TrimEntries);
            // cells[0] is empty (before the first bar); then instrument, Prometheus name, kind.
            if (cells.Length < 4)
                throw new FormatException($"{file}: table row '{line}' has fewer than three columns");
            rows.Add((cells[2].Trim('`'), cells[3]));
        }
        return rows;
    }
}
