namespace ZkPot.Cli;

/// <summary>Parsed `--name value` options and `--flag` switches, plus positional words.</summary>
public sealed class Args
{
    readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static Args Parse(ReadOnlySpan<string> argv)
    {
        var a = new Args();
        for (int i = 0; i < argv.Length; i++)
        {
            string w = argv[i];
            if (w.StartsWith("--", StringComparison.Ordinal))
            {
                string name = w[2..];
                string? value = null;
                int eq = name.IndexOf('=');
                if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
                else if (i + 1 < argv.Length && !argv[i + 1].StartsWith("--", StringComparison.Ordinal)) value = argv[++i];
                if (!a._options.TryAdd(name, value)) throw new UsageException($"option --{name} given twice");
            }
            else a.Positional.Add(w);
        }
        return a;
    }

    public string Required(string name) =>
        Optional(name) ?? throw new UsageException($"missing required option --{name}");

    public string? Optional(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var v)) return null;
        return v ?? throw new UsageException($"option --{name} needs a value");
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var v)) return false;
        if (v is not null) throw new UsageException($"--{name} is a switch and takes no value (got '{v}')");
        return true;
    }

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        string? s = Optional(name);
        if (s is null) return fallback;
        if (!int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int v) || v < min || v > max)
            throw new UsageException($"--{name} must be an integer in [{min}, {max}], got '{s}'");
        return v;
    }

    public double Double(string name, double fallback)
    {
        string? s = Optional(name);
        if (s is null) return fallback;
        if (!double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new UsageException($"--{name} must be a number, got '{s}'");
        return v;
    }

    /// <summary>Refuses options the command did not read, so a typo is an error rather than silently ignored.</summary>
    public void RejectUnknown()
    {
        foreach (var k in _options.Keys)
            if (!_used.Contains(k)) throw new UsageException($"unknown option --{k}");
    }
}
